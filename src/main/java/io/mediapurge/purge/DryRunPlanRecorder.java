package io.mediapurge.purge;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Records what a dry run would do, document by document, so a person can review it before
 * the real run. Called by the writer of a dry run once per chunk; it must write in a
 * transaction of its own and be idempotent (a retried chunk records its documents again).
 */
public interface DryRunPlanRecorder {

	/**
	 * @param jobExecutionId the dry run's execution
	 * @param contentType the content type
	 * @param documents the chunk's documents
	 */
	void record(long jobExecutionId, String contentType, List<PlannedDocument> documents);

	/**
	 * What a dry run would do to one document.
	 *
	 * @param objectId the document's {@code _id}, as text
	 * @param documentId the id people know it by
	 * @param keysToDelete keys that would be deleted (sorted)
	 * @param keysShared keys kept because another document still shows them (sorted)
	 * @param externalUrls URLs of other hosts or buckets, left alone
	 * @param blockedReasonCode why the document would be blocked, or {@code null} when it
	 * would be purged
	 * @param blockedReason the reason in words, or {@code null}
	 */
	record PlannedDocument(String objectId, String documentId, List<String> keysToDelete, List<String> keysShared,
			List<String> externalUrls, @Nullable String blockedReasonCode, @Nullable String blockedReason) {

		public PlannedDocument {
			keysToDelete = List.copyOf(keysToDelete);
			keysShared = List.copyOf(keysShared);
			externalUrls = List.copyOf(externalUrls);
		}

	}

}
