package io.mediapurge.operations.cli;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * What the command line reads from the job repository: Spring Batch's tables and the
 * job's own records ({@code purge_step_summary}, {@code purge_document_event}). Plain SQL
 * that runs on H2 and PostgreSQL alike.
 */
public class ExecutionQueries {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public ExecutionQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * @param limit how many
	 * @return the latest executions of the job, newest first, with their totals
	 */
	public List<ExecutionRow> latest(int limit) {
		List<ExecutionRow> rows = this.jdbc.query("SELECT e.job_execution_id, e.status, e.exit_code, e.start_time, "
				+ "e.end_time FROM batch_job_execution e JOIN batch_job_instance i "
				+ "ON i.job_instance_id = e.job_instance_id WHERE i.job_name = ? ORDER BY e.job_execution_id DESC LIMIT ?",
				(rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), false, "", 0, 0, 0,
						0),
				MediaPurgeJobConfiguration.JOB_NAME, limit);
		if (rows.isEmpty()) {
			return rows;
		}
		Map<String, Object> ids = Map.of("ids", rows.stream().map(ExecutionRow::id).toList());
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		this.named.query(
				"SELECT job_execution_id, parameter_name, parameter_value FROM batch_job_execution_params "
						+ "WHERE job_execution_id IN (:ids)",
				ids, (RowCallbackHandler) rs -> parameters.computeIfAbsent(rs.getLong(1), id -> new HashMap<>())
					.put(rs.getString(2), rs.getString(3)));
		Map<Long, long[]> totals = new HashMap<>();
		this.named.query(
				"SELECT job_execution_id, SUM(documents_purged), SUM(images_deleted), SUM(documents_skipped), "
						+ "SUM(documents_blocked) FROM purge_step_summary WHERE job_execution_id IN (:ids) "
						+ "GROUP BY job_execution_id",
				ids, (RowCallbackHandler) rs -> totals.put(rs.getLong(1),
						new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }));
		return rows.stream().map(row -> {
			Map<String, String> values = parameters.getOrDefault(row.id(), Map.of());
			long[] sums = totals.getOrDefault(row.id(), new long[4]);
			return new ExecutionRow(row.id(), row.status(), row.exitCode(), row.startTime(), row.endTime(),
					"true".equals(values.get(MediaPurgeJobParameters.DRY_RUN)),
					values.getOrDefault(MediaPurgeJobParameters.CONTENT_TYPES, ""), sums[0], sums[1], sums[2], sums[3]);
		}).toList();
	}

	/**
	 * @param executionId an execution
	 * @return the run summary of each of its content-type steps, by content type
	 */
	public List<StepSummaryRow> stepSummaries(long executionId) {
		return this.jdbc.query("SELECT content_type, documents_read, documents_purged, documents_skipped, "
				+ "documents_blocked, documents_restored, documents_quarantined, images_deleted, images_shared, "
				+ "images_external, images_already_absent, images_failed, s3_requests FROM purge_step_summary "
				+ "WHERE job_execution_id = ? ORDER BY content_type",
				(rs, n) -> new StepSummaryRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
						rs.getLong(11), rs.getLong(12), rs.getLong(13)),
				executionId);
	}

	/**
	 * @param executionId an execution
	 * @return the documents it skipped, blocked, quarantined or found restored, in order
	 */
	public List<EventRow> events(long executionId) {
		return this.jdbc.query(
				"SELECT content_type, document_id, event, reason_code, reason, image_key, occurred_at "
						+ "FROM purge_document_event WHERE job_execution_id = ? ORDER BY id",
				(rs, n) -> new EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)),
				executionId);
	}

	/**
	 * One execution in the list.
	 *
	 * @param id its id
	 * @param status its batch status
	 * @param exitCode its exit code
	 * @param startTime when it started
	 * @param endTime when it ended
	 * @param dryRun whether it was a dry run
	 * @param contentTypes the content types it was limited to, empty for all
	 * @param documentsPurged documents hard-deleted (or that would be, in a dry run)
	 * @param imagesDeleted images deleted
	 * @param documentsSkipped documents skipped as malformed
	 * @param documentsBlocked documents blocked
	 */
	public record ExecutionRow(long id, String status, @Nullable String exitCode, @Nullable LocalDateTime startTime,
			@Nullable LocalDateTime endTime, boolean dryRun, String contentTypes, long documentsPurged,
			long imagesDeleted, long documentsSkipped, long documentsBlocked) {
	}

	/**
	 * The summary of one content-type step (a row of {@code purge_step_summary}).
	 */
	public record StepSummaryRow(String contentType, long documentsRead, long documentsPurged, long documentsSkipped,
			long documentsBlocked, long documentsRestored, long documentsQuarantined, long imagesDeleted,
			long imagesShared, long imagesExternal, long imagesAlreadyAbsent, long imagesFailed, long s3Requests) {
	}

	/**
	 * A document that needs a person (a row of {@code purge_document_event}).
	 */
	public record EventRow(String contentType, String documentId, String event, String reasonCode, String reason,
			@Nullable String imageKey, OffsetDateTime occurredAt) {
	}

}
