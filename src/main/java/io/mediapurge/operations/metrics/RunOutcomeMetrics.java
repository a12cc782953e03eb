package io.mediapurge.operations.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.purge.PurgeProgressListener;

/**
 * Gauges an alert can use to see that the nightly purge ran, read from the job repository
 * (so a restarted process, another process sharing the repository and a one-shot run
 * pushing to a Pushgateway all tell the same story) and updated at once when a run of
 * this process ends:
 * <ul>
 * <li>{@code media_purge_last_success_timestamp_seconds{job_name}}: when the last real
 * (not dry) run of all content types completed, 0 if none ever did;</li>
 * <li>{@code media_purge_last_run_failed{job_name}}: 1 when the last real run that ended
 * ended FAILED or STOPPED (until a restart or a later run completes), else 0.</li>
 * </ul>
 */
public class RunOutcomeMetrics implements PurgeProgressListener, SmartInitializingSingleton {

	/** Gauge name; Prometheus adds the unit: {@code ..._timestamp_seconds}. */
	public static final String LAST_SUCCESS = "media.purge.last.success.timestamp";

	public static final String LAST_RUN_FAILED = "media.purge.last.run.failed";

	private static final Logger logger = LoggerFactory.getLogger(RunOutcomeMetrics.class);

	private static final Duration REFRESH = Duration.ofSeconds(60);

	private static final String REAL_RUN = "EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE "
			+ "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'dryRun' AND p.PARAMETER_VALUE = 'false')";

	private static final String ALL_CONTENT_TYPES = "NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE "
			+ "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'contentTypes' AND p.PARAMETER_VALUE <> '')";

	private static final String EXECUTIONS = "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
			+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.END_TIME IS NOT NULL AND "
			+ REAL_RUN;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private volatile double lastSuccessSeconds;

	private volatile double lastRunFailed;

	private volatile Instant refreshedAt = Instant.MIN;

	public RunOutcomeMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder(LAST_SUCCESS, this, RunOutcomeMetrics::lastSuccessSeconds)
			.baseUnit("seconds")
			.description("When the last real run of all content types completed (Unix time; 0: never)")
			.tag("job_name", MediaPurgeJobConfiguration.JOB_NAME)
			.register(registry);
		Gauge.builder(LAST_RUN_FAILED, this, RunOutcomeMetrics::lastRunFailed)
			.description("1 when the last real run that ended ended FAILED or STOPPED, else 0")
			.tag("job_name", MediaPurgeJobConfiguration.JOB_NAME)
			.register(registry);
	}

	@Override
	public void afterSingletonsInstantiated() {
		refreshIfStale();
	}

	@Override
	public void jobEnded(JobExecution execution, MediaPurgeJobParameters parameters) {
		if (parameters.dryRun()) {
			return;
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED && parameters.contentTypes().isEmpty()) {
			this.lastSuccessSeconds = this.clock.millis() / 1000.0;
		}
		this.lastRunFailed = (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) ? 1 : 0;
		// the execution's end is written to the repository only after this callback
		this.refreshedAt = this.clock.instant();
	}

	double lastSuccessSeconds() {
		refreshIfStale();
		return this.lastSuccessSeconds;
	}

	double lastRunFailed() {
		refreshIfStale();
		return this.lastRunFailed;
	}

	private void refreshIfStale() {
		Instant now = this.clock.instant();
		if (this.refreshedAt.plus(REFRESH).isAfter(now)) {
			return;
		}
		this.refreshedAt = now;
		try {
			Timestamp success = this.jdbc.queryForObject(
					"SELECT MAX(e.END_TIME) " + EXECUTIONS + " AND e.STATUS = 'COMPLETED' AND " + ALL_CONTENT_TYPES,
					Timestamp.class, MediaPurgeJobConfiguration.JOB_NAME);
			List<String> last = this.jdbc.queryForList(
					"SELECT e.STATUS " + EXECUTIONS + " ORDER BY e.END_TIME DESC, e.JOB_EXECUTION_ID DESC LIMIT 1",
					String.class, MediaPurgeJobConfiguration.JOB_NAME);
			this.lastSuccessSeconds = (success != null) ? success.toInstant().toEpochMilli() / 1000.0 : 0;
			this.lastRunFailed = (!last.isEmpty() && List.of("FAILED", "STOPPED").contains(last.get(0))) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the last runs from the job repository; keeping the previous values: {}",
					ex.getMessage());
		}
	}

}
