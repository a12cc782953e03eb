package io.mediapurge.purge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.mediapurge.imagestore.ImageReference;

/**
 * What the job records in the job repository's database beside Spring Batch's tables: the
 * audit log of deleted keys, documents that need a person (skipped, blocked, quarantined,
 * restored) and the run summary of each step.
 *
 * <p>
 * Records are written in their own transactions, so they survive a chunk whose
 * transaction rolls back: a key S3 deleted stays in the audit log even if the chunk then
 * fails. This is also the one place that logs each skipped or blocked document, at WARN.
 */
public class PurgeJournal {

	private static final Logger logger = LoggerFactory.getLogger(PurgeJournal.class);

	/** What happened to a document that needs attention. */
	public enum Event {

		SKIPPED, BLOCKED, QUARANTINED, RESTORED

	}

	/**
	 * A deleted key, for the audit log.
	 *
	 * @param documentId the document whose purge deleted it
	 * @param key the key
	 */
	record DeletedImage(String documentId, String key) {
	}

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public PurgeJournal(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Writes a chunk's deleted keys to the audit log, but those its token already wrote:
	 * an audit row is never removed, and a retried write adds only what its earlier
	 * attempt did not.
	 * @param jobExecutionId the execution
	 * @param contentType the content type
	 * @param token the chunk's claim token
	 * @param images the keys S3 confirmed deleted, with their documents
	 */
	void recordDeleted(long jobExecutionId, String contentType, String token, List<DeletedImage> images) {
		if (images.isEmpty()) {
			return;
		}
		OffsetDateTime now = now();
		this.ownTransaction.executeWithoutResult(status -> {
			Set<DeletedImage> written = new HashSet<>(
					this.jdbc.query("SELECT document_id, image_key FROM purge_deleted_image WHERE claim_token = ?",
							(row, n) -> new DeletedImage(row.getString(1), row.getString(2)), token));
			List<Object[]> rows = new ArrayList<>(images.size());
			for (DeletedImage image : new LinkedHashSet<>(images)) {
				DeletedImage stored = new DeletedImage(truncate(image.documentId(), 255), image.key());
				if (written.add(stored)) {
					rows.add(
							new Object[] { jobExecutionId, contentType, stored.documentId(), image.key(), now, token });
				}
			}
			this.jdbc.batchUpdate("INSERT INTO purge_deleted_image (job_execution_id, content_type, document_id, "
					+ "image_key, deleted_at, claim_token) VALUES (?, ?, ?, ?, ?, ?)", rows);
		});
	}

	/**
	 * @param keys keys about to be deleted
	 * @param token the chunk's claim token: its own earlier attempt does not count
	 * @return those the audit log shows as deleted before
	 */
	Set<String> previouslyDeleted(Collection<String> keys, String token) {
		Set<String> found = new HashSet<>();
		List<String> all = new ArrayList<>(keys);
		for (int from = 0; from < all.size(); from += 500) {
			List<String> batch = all.subList(from, Math.min(all.size(), from + 500));
			found.addAll(this.named.queryForList(
					"SELECT DISTINCT image_key FROM purge_deleted_image WHERE image_key IN (:keys) "
							+ "AND (claim_token IS NULL OR claim_token <> :token)",
					new MapSqlParameterSource("keys", batch).addValue("token", token), String.class));
		}
		return found;
	}

	/**
	 * A document that needs attention, for {@code purge_document_event}.
	 *
	 * @param documentId the document
	 * @param event what happened
	 * @param reasonCode short stable code
	 * @param reason for people
	 * @param key the image key concerned, if any
	 */
	record DocumentEvent(String documentId, Event event, String reasonCode, String reason, @Nullable String key) {
	}

	void recordEvent(long jobExecutionId, long stepExecutionId, String contentType, String documentId, Event event,
			String reasonCode, String reason, @Nullable String key) {
		writeEvents(jobExecutionId, stepExecutionId, contentType, null,
				List.of(new DocumentEvent(documentId, event, reasonCode, reason, key)));
	}

	/**
	 * Logs and records a chunk's events with one batch in one transaction, replacing
	 * those its token recorded before: a retried write leaves the events of its
	 * successful attempt only.
	 */
	void recordEvents(long jobExecutionId, long stepExecutionId, String contentType, String token,
			List<DocumentEvent> events) {
		writeEvents(jobExecutionId, stepExecutionId, contentType, token, events);
	}

	private void writeEvents(long jobExecutionId, long stepExecutionId, String contentType, @Nullable String token,
			List<DocumentEvent> events) {
		if (events.isEmpty() && token == null) {
			return;
		}
		OffsetDateTime now = now();
		List<Object[]> rows = new ArrayList<>(events.size());
		for (DocumentEvent event : events) {
			if (event.event() == Event.RESTORED) {
				logger.info("{} {} document {}: {}", event.event(), contentType, event.documentId(), event.reason());
			}
			else {
				logger.warn("{} {} document {}{}: {} ({})", event.event(), contentType, event.documentId(),
						(event.key() != null) ? " key " + event.key() : "", event.reason(), event.reasonCode());
			}
			rows.add(new Object[] { jobExecutionId, stepExecutionId, contentType, truncate(event.documentId(), 255),
					event.event().name(), truncate(event.reasonCode(), 100), truncate(event.reason(), 2000),
					(event.key() != null) ? truncate(event.key(), 1024) : null, now, token });
		}
		this.ownTransaction.executeWithoutResult(status -> {
			if (token != null) {
				this.jdbc.update("DELETE FROM purge_document_event WHERE claim_token = ?", token);
			}
			this.jdbc.batchUpdate("INSERT INTO purge_document_event (job_execution_id, step_execution_id, "
					+ "content_type, document_id, event, reason_code, reason, image_key, occurred_at, claim_token) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		});
	}

	/**
	 * Logs the URLs of a document that name another bucket on an S3 host, with both
	 * bucket names: they are left alone, and many of them usually mean a misspelt
	 * {@code media-purge.s3.bucket}.
	 * @param contentType the content type
	 * @param documentId the document
	 * @param urls its URLs of other buckets
	 * @param ourBucket the configured bucket
	 */
	void otherBucketUrls(String contentType, String documentId, List<ImageReference.OtherBucket> urls,
			String ourBucket) {
		for (ImageReference.OtherBucket url : urls) {
			logger.warn("{} document {}: URL '{}' names bucket '{}', not '{}': left alone", contentType, documentId,
					url.url(), url.bucket(), ourBucket);
		}
	}

	void saveSummary(long jobExecutionId, long stepExecutionId, String contentType, boolean dryRun, PurgeSummary s) {
		List<String> columns = new ArrayList<>(List.of("job_execution_id", "content_type", "dry_run"));
		List<Object> values = new ArrayList<>(List.of(jobExecutionId, contentType, dryRun));
		for (SummaryCounter counter : SummaryCounter.values()) {
			columns.add(counter.column());
			values.add(counter.of(s));
		}
		columns.addAll(List.of("updated_at", "step_execution_id"));
		values.addAll(List.of(now(), stepExecutionId));
		String assignments = String.join(" = ?, ", columns.subList(0, columns.size() - 1)) + " = ?";
		Object[] row = values.toArray();
		this.ownTransaction.executeWithoutResult(status -> {
			int updated = this.jdbc
				.update("UPDATE purge_step_summary SET " + assignments + " WHERE step_execution_id = ?", row);
			if (updated == 0) {
				this.jdbc.update("INSERT INTO purge_step_summary (" + String.join(", ", columns) + ") VALUES ("
						+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ")", row);
			}
		});
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
