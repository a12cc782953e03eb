package io.mediapurge.operations.executions;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.sweep.SweepJobParameters;

/**
 * Executions of several jobs in one list, newest first, with what tells them apart: the
 * job, and for the sweep its action and plan. The purge's run summaries are
 * {@link ExecutionQueries#recent(int)}'s.
 */
final class JobExecutions {

	private final NamedParameterJdbcTemplate jdbc;

	private final ZoneId zone;

	JobExecutions(NamedParameterJdbcTemplate jdbc, ZoneId zone) {
		this.jdbc = jdbc;
		this.zone = zone;
	}

	List<JobExecutionRow> recent(Set<String> jobNames, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("jobs", jobNames).addValue("limit", limit);
		List<JobExecutionRow> rows = this.jdbc.query(
				"SELECT E.JOB_EXECUTION_ID, I.JOB_NAME, E.JOB_INSTANCE_ID, E.STATUS, E.EXIT_CODE, E.START_TIME, "
						+ "E.END_TIME FROM BATCH_JOB_EXECUTION E JOIN BATCH_JOB_INSTANCE I "
						+ "ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID WHERE I.JOB_NAME IN (:jobs) "
						+ "ORDER BY E.JOB_EXECUTION_ID DESC FETCH FIRST :limit ROWS ONLY",
				params,
				(rs, n) -> new JobExecutionRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
						String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5)), instant(rs.getTimestamp(6)),
						instant(rs.getTimestamp(7)), null, null));
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		this.jdbc.query(
				"SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS "
						+ "WHERE JOB_EXECUTION_ID IN (:ids) AND PARAMETER_NAME IN (:names)",
				new MapSqlParameterSource("ids", rows.stream().map(JobExecutionRow::id).toList()).addValue("names", List
					.of(SweepJobParameters.ACTION, SweepJobParameters.PLAN_ID, MediaPurgeJobParameters.DRY_RUN)),
				(rs) -> {
					parameters.computeIfAbsent(rs.getLong(1), (id) -> new HashMap<>())
						.put(rs.getString(2), rs.getString(3));
				});
		return rows.stream().map((row) -> row.with(parameters.getOrDefault(row.id(), Map.of()))).toList();
	}

	private @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().atZone(this.zone).toInstant() : null;
	}

}
