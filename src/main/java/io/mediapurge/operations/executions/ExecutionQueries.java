package io.mediapurge.operations.executions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.purge.SummaryCounter;

/**
 * The read model of the API, the dashboard and the command line: executions of
 * {@code mediaPurgeJob} (and, listed with fewer columns, of every job) with their run
 * summaries, read with plain SQL from Spring Batch's tables and the job's own records
 * ({@code purge_step_summary}, {@code purge_document_event}). The SQL is portable: it
 * runs on H2 and PostgreSQL alike.
 *
 * <p>
 * Spring Batch writes its timestamps as local date-times of the JVM's time zone; they are
 * returned as instants of that zone.
 */
public class ExecutionQueries {

	/** The most events {@link #find(long)} returns for one execution. */
	public static final int MAX_EVENTS = 1000;

	private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

	private static final String EXECUTION_COLUMNS = "E.JOB_EXECUTION_ID, E.JOB_INSTANCE_ID, E.STATUS, E.EXIT_CODE, "
			+ "E.EXIT_MESSAGE, E.START_TIME, E.END_TIME FROM BATCH_JOB_EXECUTION E "
			+ "JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID WHERE I.JOB_NAME = :job";

	private static final String SUMMARY_SUMS = Stream.of(SummaryCounter.values())
		.map((counter) -> "SUM(" + counter.column() + ")")
		.collect(Collectors.joining(", "));

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	private final ZoneId zone = ZoneId.systemDefault();

	private final StepProgress progress;

	private final DocumentEvents events;

	private final JobExecutions jobs;

	public ExecutionQueries(JdbcTemplate jdbc, Clock clock, JobRepository jobRepository) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
		this.clock = clock;
		this.progress = new StepProgress(this.jdbc, jobRepository, this.zone);
		this.events = new DocumentEvents(this.jdbc);
		this.jobs = new JobExecutions(this.jdbc, this.zone);
	}

	/**
	 * @param limit the most executions to return
	 * @return the most recent executions, newest first
	 */
	public List<ExecutionSummary> recent(int limit) {
		List<ExecutionSummary> executions = this.jdbc.query(
				"SELECT " + EXECUTION_COLUMNS + " ORDER BY E.JOB_EXECUTION_ID DESC FETCH FIRST :limit ROWS ONLY",
				params().addValue("limit", limit), this::execution);
		return withParametersAndTotals(executions);
	}

	/**
	 * @param jobNames the jobs whose executions to list
	 * @param limit the most executions to return
	 * @return the most recent executions of these jobs, newest first, without run
	 * summaries
	 */
	public List<JobExecutionRow> recentOfJobs(Set<String> jobNames, int limit) {
		return this.jobs.recent(jobNames, limit);
	}

	/**
	 * @param executionId an execution id
	 * @return the execution in detail, empty when the job has no execution with this id
	 */
	public Optional<ExecutionDetail> find(long executionId) {
		List<ExecutionSummary> found = this.jdbc.query("SELECT " + EXECUTION_COLUMNS + " AND E.JOB_EXECUTION_ID = :id",
				params().addValue("id", executionId), this::execution);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ExecutionSummary execution = withParametersAndTotals(found).get(0);
		List<ExecutionDetail.Step> steps = steps(execution);
		List<ExecutionDetail.ReasonCount> byReason = this.events.byReason(executionId);
		long eventCount = byReason.stream().mapToLong(ExecutionDetail.ReasonCount::count).sum();
		return Optional.of(new ExecutionDetail(execution, steps, this.events.first(executionId, MAX_EVENTS), eventCount,
				byReason, ExitMessages.failures(execution, steps)));
	}

	/**
	 * @param executionId an execution id
	 * @return whether the job has an execution with this id
	 */
	public boolean exists(long executionId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION E JOIN BATCH_JOB_INSTANCE I "
				+ "ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID WHERE I.JOB_NAME = :job AND E.JOB_EXECUTION_ID = :id",
				params().addValue("id", executionId), Long.class);
		return count != null && count > 0;
	}

	/**
	 * @param days how many days back, today included
	 * @return one point a day, oldest first, for real (not dry) runs by the day they
	 * started; zero on days without a run
	 */
	public List<TrendPoint> trend(int days) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		LocalDate first = today.minusDays(days - 1L);
		Map<LocalDate, TrendPoint> byDay = new HashMap<>();
		this.jdbc.query("SELECT CAST(E.START_TIME AS DATE), SUM(S." + SummaryCounter.IMAGES_DELETED.column()
				+ "), SUM(S." + SummaryCounter.DOCUMENTS_PURGED.column()
				+ ") FROM purge_step_summary S JOIN BATCH_JOB_EXECUTION E ON E.JOB_EXECUTION_ID = S.job_execution_id "
				+ "WHERE S.dry_run = FALSE AND E.START_TIME >= :from GROUP BY CAST(E.START_TIME AS DATE)",
				params().addValue("from", first.atStartOfDay()), (rs) -> {
					LocalDate day = rs.getObject(1, LocalDate.class);
					byDay.put(day, new TrendPoint(day, rs.getLong(2), rs.getLong(3)));
				});
		List<TrendPoint> points = new ArrayList<>(days);
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			points.add(byDay.getOrDefault(day, new TrendPoint(day, 0, 0)));
		}
		return points;
	}

	private List<ExecutionSummary> withParametersAndTotals(List<ExecutionSummary> executions) {
		if (executions.isEmpty()) {
			return executions;
		}
		List<Long> ids = executions.stream().map(ExecutionSummary::id).toList();
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		this.jdbc.query(
				"SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS "
						+ "WHERE JOB_EXECUTION_ID IN (:ids) AND PARAMETER_NAME IN (:names)",
				new MapSqlParameterSource("ids", ids).addValue("names", List.of(MediaPurgeJobParameters.DRY_RUN,
						MediaPurgeJobParameters.CONTENT_TYPES, MediaPurgeJobParameters.LAUNCHED_AT)),
				(rs) -> {
					parameters.computeIfAbsent(rs.getLong(1), (id) -> new HashMap<>())
						.put(rs.getString(2), rs.getString(3));
				});
		Map<Long, Summary> totals = new HashMap<>();
		this.jdbc.query(
				"SELECT job_execution_id, " + SUMMARY_SUMS
						+ " FROM purge_step_summary WHERE job_execution_id IN (:ids) GROUP BY job_execution_id",
				new MapSqlParameterSource("ids", ids), (rs) -> {
					totals.put(rs.getLong(1), summary(rs, 2));
				});
		Map<Long, DocumentEvents.Reasons> reasons = this.events.reasons("job_execution_id",
				"job_execution_id IN (:ids)", new MapSqlParameterSource("ids", ids));
		// steps still running (or killed) have counted in their execution contexts only
		Map<Long, Map<Long, Summary>> soFar = this.progress.unrecorded(ids);
		List<ExecutionSummary> result = new ArrayList<>(executions.size());
		for (ExecutionSummary execution : executions) {
			Map<String, String> values = parameters.getOrDefault(execution.id(), Map.of());
			DocumentEvents.Reasons found = reasons.getOrDefault(execution.id(), DocumentEvents.Reasons.NONE);
			Summary total = totals.getOrDefault(execution.id(), Summary.EMPTY);
			for (Summary step : soFar.getOrDefault(execution.id(), Map.of()).values()) {
				total = total.plusCounts(step);
			}
			total = total.withReasons(found.skip(), found.block());
			Progress progress = RUNNING.contains(execution.status()) ? this.progress.progress(execution.id(),
					execution.startTime(), total.get(SummaryCounter.DOCUMENTS_READ), this.clock.instant()) : null;
			result.add(new ExecutionSummary(execution.id(), execution.instanceId(), execution.status(),
					execution.exitCode(), execution.exitDescription(), execution.startTime(), execution.endTime(),
					execution.durationSeconds(), "true".equals(values.get(MediaPurgeJobParameters.DRY_RUN)),
					List.copyOf(MediaPurgeJobParameters
						.parseContentTypes(values.get(MediaPurgeJobParameters.CONTENT_TYPES))),
					launchedAt(values.get(MediaPurgeJobParameters.LAUNCHED_AT)), total, progress));
		}
		return result;
	}

	private List<ExecutionDetail.Step> steps(ExecutionSummary execution) {
		long executionId = execution.id();
		MapSqlParameterSource id = params().addValue("id", executionId);
		Map<Long, Summary> summaries = new HashMap<>();
		this.jdbc.query(
				"SELECT step_execution_id, " + SUMMARY_SUMS
						+ " FROM purge_step_summary WHERE job_execution_id = :id GROUP BY step_execution_id",
				id, (rs) -> {
					summaries.put(rs.getLong(1), summary(rs, 2));
				});
		Map<Long, Summary> soFar = this.progress.unrecorded(List.of(executionId)).getOrDefault(executionId, Map.of());
		Map<Long, DocumentEvents.Reasons> reasons = this.events.reasons("step_execution_id", "job_execution_id = :id",
				id);
		return this.jdbc.query("SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS, EXIT_CODE, EXIT_MESSAGE, READ_COUNT, "
				+ "WRITE_COUNT, READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT, COMMIT_COUNT, ROLLBACK_COUNT, "
				+ "START_TIME, END_TIME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = :id ORDER BY STEP_EXECUTION_ID",
				id, (rs, n) -> {
					long stepId = rs.getLong(1);
					String name = rs.getString(2);
					DocumentEvents.Reasons found = reasons.getOrDefault(stepId, DocumentEvents.Reasons.NONE);
					Summary summary = summaries.getOrDefault(stepId, soFar.getOrDefault(stepId, Summary.EMPTY))
						.withReasons(found.skip(), found.block());
					return new ExecutionDetail.Step(name, contentType(name), rs.getString(3), text(rs.getString(4)),
							ExitMessages.readable(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8),
							rs.getLong(9), rs.getLong(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
							summaries.containsKey(stepId), summary, execution.selected(contentType(name)));
				});
	}

	private ExecutionSummary execution(ResultSet rs, int row) throws SQLException {
		Instant start = instant(rs.getTimestamp(6));
		Instant end = instant(rs.getTimestamp(7));
		Long duration = (start != null)
				? Duration.between(start, (end != null) ? end : this.clock.instant()).toSeconds() : null;
		return new ExecutionSummary(rs.getLong(1), rs.getLong(2), text(rs.getString(3)), text(rs.getString(4)),
				ExitMessages.readable(rs.getString(5)), start, end, duration, false, List.of(), null, Summary.EMPTY,
				null);
	}

	private static @Nullable Instant launchedAt(@Nullable String parameter) {
		try {
			return (parameter != null) ? Instant.parse(parameter) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Summary summary(ResultSet rs, int first) throws SQLException {
		Map<SummaryCounter, Long> counts = new EnumMap<>(SummaryCounter.class);
		for (SummaryCounter counter : SummaryCounter.values()) {
			counts.put(counter, rs.getLong(first + counter.ordinal()));
		}
		return new Summary(counts, Map.of(), Map.of());
	}

	private @Nullable Instant instant(@Nullable Timestamp timestamp) {
		if (timestamp == null) {
			return null;
		}
		LocalDateTime local = timestamp.toLocalDateTime();
		return local.atZone(this.zone).toInstant();
	}

	private static MapSqlParameterSource params() {
		return new MapSqlParameterSource("job", MediaPurgeJobConfiguration.JOB_NAME);
	}

	static String contentType(String stepName) {
		return stepName.startsWith(MediaPurgeJobConfiguration.STEP_PREFIX)
				? stepName.substring(MediaPurgeJobConfiguration.STEP_PREFIX.length()) : stepName;
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
