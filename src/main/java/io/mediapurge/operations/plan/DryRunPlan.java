package io.mediapurge.operations.plan;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a dry run would do, as {@code GET /api/executions/{id}/plan} answers it.
 *
 * @param executionId the dry run's execution
 * @param status its status
 * @param totals totals of the whole plan
 * @param contentTypes totals per content type
 * @param documents what would happen to each document, by content type and id
 * @param skipped documents the dry run skipped (malformed), which the real run would skip
 * too
 */
public record DryRunPlan(long executionId, String status, Totals totals, Map<String, Totals> contentTypes,
		List<Document> documents, List<Skipped> skipped) {

	/**
	 * One document of the plan.
	 *
	 * @param contentType its content type
	 * @param documentId the id people know it by
	 * @param objectId its {@code _id}
	 * @param action {@code purge} or {@code block}
	 * @param keysToDelete keys the real run would delete
	 * @param keysShared keys kept because another document still shows them
	 * @param externalUrls URLs of other hosts or buckets, left alone
	 * @param blockedReasonCode why it would be blocked ({@code null} for {@code purge})
	 * @param blockedReason the reason in words
	 */
	public record Document(String contentType, String documentId, String objectId, String action,
			List<String> keysToDelete, List<String> keysShared, List<String> externalUrls,
			@Nullable String blockedReasonCode, @Nullable String blockedReason) {
	}

	/**
	 * A skipped document.
	 *
	 * @param contentType its content type
	 * @param documentId its id
	 * @param reasonCode why, as a code
	 * @param reason why, in words
	 */
	public record Skipped(String contentType, String documentId, String reasonCode, String reason) {
	}

	/**
	 * Totals of a plan or of one content type.
	 *
	 * @param documentsToPurge documents the real run would purge
	 * @param documentsBlocked documents it would block
	 * @param documentsSkipped malformed documents it would skip
	 * @param imagesToDelete distinct keys it would delete
	 * @param imagesKeptAsShared distinct keys kept because another document shows them
	 * @param externalUrls external URLs left alone
	 */
	public record Totals(long documentsToPurge, long documentsBlocked, long documentsSkipped, long imagesToDelete,
			long imagesKeptAsShared, long externalUrls) {

		static Totals of(Collection<Document> documents, long skipped) {
			Set<String> delete = new HashSet<>();
			Set<String> shared = new HashSet<>();
			long purge = 0;
			long external = 0;
			for (Document document : documents) {
				purge += document.action().equals("purge") ? 1 : 0;
				delete.addAll(document.keysToDelete());
				shared.addAll(document.keysShared());
				external += document.externalUrls().size();
			}
			shared.removeAll(delete);
			return new Totals(purge, documents.size() - purge, skipped, delete.size(), shared.size(), external);
		}

	}

	static DryRunPlan of(long executionId, String status, List<Document> documents, List<Skipped> skipped) {
		Map<String, Totals> byContentType = new LinkedHashMap<>();
		documents.stream()
			.map(Document::contentType)
			.distinct()
			.forEach(contentType -> byContentType.put(contentType, null));
		skipped.forEach(skip -> byContentType.putIfAbsent(skip.contentType(), null));
		byContentType.replaceAll((contentType, none) -> Totals.of(
				documents.stream().filter(d -> d.contentType().equals(contentType)).toList(),
				skipped.stream().filter(s -> s.contentType().equals(contentType)).count()));
		return new DryRunPlan(executionId, status, Totals.of(documents, skipped.size()), byContentType, documents,
				skipped);
	}

}
