package io.mediapurge.operations.plan;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.mediapurge.purge.DryRunPlanRecorder;

/**
 * Writes a dry run's plan to {@code purge_plan_document} and {@code purge_plan_image},
 * one chunk at a time in a transaction of its own (like the journal), replacing the rows
 * of the chunk's documents so a retried chunk is recorded once.
 */
public class JdbcDryRunPlanRecorder implements DryRunPlanRecorder {

	static final String DELETE = "DELETE";

	static final String SHARED = "SHARED";

	static final String EXTERNAL = "EXTERNAL";

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public JdbcDryRunPlanRecorder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public void record(long jobExecutionId, String contentType, List<PlannedDocument> documents) {
		if (documents.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		List<Object[]> documentRows = new ArrayList<>();
		List<Object[]> imageRows = new ArrayList<>();
		for (PlannedDocument document : documents) {
			String objectId = truncate(document.objectId(), 255);
			documentRows.add(new Object[] { jobExecutionId, contentType, objectId, truncate(document.documentId(), 255),
					truncate(document.blockedReasonCode(), 100), truncate(document.blockedReason(), 2000), now });
			addImages(imageRows, jobExecutionId, contentType, objectId, DELETE, document.keysToDelete());
			addImages(imageRows, jobExecutionId, contentType, objectId, SHARED, document.keysShared());
			addImages(imageRows, jobExecutionId, contentType, objectId, EXTERNAL, document.externalUrls());
		}
		List<String> objectIds = documentRows.stream().map(row -> (String) row[2]).toList();
		this.ownTransaction.executeWithoutResult(status -> {
			for (int from = 0; from < objectIds.size(); from += BATCH) {
				MapSqlParameterSource parameters = new MapSqlParameterSource("execution", jobExecutionId)
					.addValue("contentType", contentType)
					.addValue("ids", objectIds.subList(from, Math.min(objectIds.size(), from + BATCH)));
				String where = " WHERE job_execution_id = :execution AND content_type = :contentType AND object_id IN (:ids)";
				this.named.update("DELETE FROM purge_plan_image" + where, parameters);
				this.named.update("DELETE FROM purge_plan_document" + where, parameters);
			}
			this.jdbc.batchUpdate("INSERT INTO purge_plan_document (job_execution_id, content_type, object_id, "
					+ "document_id, blocked_reason_code, blocked_reason, planned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
					documentRows);
			this.jdbc.batchUpdate("INSERT INTO purge_plan_image (job_execution_id, content_type, object_id, kind, "
					+ "seq, image) VALUES (?, ?, ?, ?, ?, ?)", imageRows);
		});
	}

	private static void addImages(List<Object[]> rows, long jobExecutionId, String contentType, String objectId,
			String kind, List<String> images) {
		for (int i = 0; i < images.size(); i++) {
			rows.add(new Object[] { jobExecutionId, contentType, objectId, kind, i, truncate(images.get(i), 4096) });
		}
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
