package io.mediapurge.operations.executions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.mediapurge.purge.PurgeSummary;
import io.mediapurge.purge.SummaryCounter;

/**
 * What the steps of an execution have counted before their run summary is recorded: the
 * job puts its summary in the step's execution context after every chunk, and Spring
 * Batch saves that context with the chunk. Read through Spring Batch's own repository,
 * which knows how the context is serialized.
 */
final class StepProgress {

	private final NamedParameterJdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final ZoneId zone;

	StepProgress(NamedParameterJdbcTemplate jdbc, JobRepository jobRepository, ZoneId zone) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.zone = zone;
	}

	/**
	 * @param jobExecutionIds executions
	 * @return the summaries so far of their steps without a recorded run summary
	 * (running, or killed with their process), by job execution id, then step execution
	 * id
	 */
	Map<Long, Map<Long, Summary>> unrecorded(Collection<Long> jobExecutionIds) {
		Map<Long, Map<Long, Summary>> found = new HashMap<>();
		if (jobExecutionIds.isEmpty()) {
			return found;
		}
		this.jdbc.query(
				"SELECT S.JOB_EXECUTION_ID, S.STEP_EXECUTION_ID, S.READ_COUNT FROM BATCH_STEP_EXECUTION S "
						+ "WHERE S.JOB_EXECUTION_ID IN (:ids) AND NOT EXISTS "
						+ "(SELECT 1 FROM purge_step_summary P WHERE P.step_execution_id = S.STEP_EXECUTION_ID)",
				new MapSqlParameterSource("ids", jobExecutionIds), (rs) -> {
					Summary summary = soFar(rs.getLong(2));
					if (summary != null) {
						// the job notes the reads before Spring Batch has counted the
						// chunk's; Spring Batch's own count is saved with the same commit
						summary = summary.with(SummaryCounter.DOCUMENTS_READ, rs.getLong(3));
						found.computeIfAbsent(rs.getLong(1), (id) -> new LinkedHashMap<>()).put(rs.getLong(2), summary);
					}
				});
		return found;
	}

	/**
	 * @param executionId a running execution
	 * @param startTime when it started
	 * @param documentsRead what it has read so far
	 * @param now the time now
	 * @return how it is going
	 */
	Progress progress(long executionId, @Nullable Instant startTime, long documentsRead, Instant now) {
		List<String> steps = new ArrayList<>();
		List<Instant> chunks = new ArrayList<>();
		this.jdbc.query(
				"SELECT STEP_NAME, STATUS, LAST_UPDATED, COMMIT_COUNT FROM BATCH_STEP_EXECUTION "
						+ "WHERE JOB_EXECUTION_ID = :id ORDER BY STEP_EXECUTION_ID",
				new MapSqlParameterSource("id", executionId), (rs) -> {
					if (List.of("STARTING", "STARTED", "STOPPING").contains(rs.getString(2))) {
						steps.add(ExecutionQueries.contentType(rs.getString(1)));
					}
					Timestamp updated = rs.getTimestamp(3);
					if (rs.getLong(4) > 0 && updated != null) {
						chunks.add(updated.toLocalDateTime().atZone(this.zone).toInstant());
					}
				});
		double seconds = (startTime != null) ? Duration.between(startTime, now).toMillis() / 1000.0 : 0;
		return new Progress(steps, (seconds > 0) ? documentsRead / seconds : 0,
				chunks.stream().max(Instant::compareTo).orElse(null));
	}

	@SuppressWarnings("unchecked")
	private @Nullable Summary soFar(long stepExecutionId) {
		StepExecution step = this.jobRepository.getStepExecution(stepExecutionId);
		if (step == null || !(step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY) instanceof Map<?, ?> map)) {
			return null;
		}
		return Summary.of(PurgeSummary.fromMap((Map<String, Object>) map));
	}

}
