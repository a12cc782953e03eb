package io.mediapurge.operations.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseUnavailableException;
import io.mediapurge.support.TestServers;

/**
 * The schedule, with a cron expression that fires every second: it launches runs on
 * Spring Boot's task scheduler, and a tick that finds the lease held starts nothing.
 */
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ScheduleIntegrationTests {

	static final String EVERY_SECOND = "* * * * * *";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:schedule-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		registry.add("media-purge.schedule.enabled", () -> "true");
		registry.add("media-purge.schedule.cron", () -> EVERY_SECOND);
		registry.add("media-purge.schedule.zone", () -> "Europe/Paris");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobLease lease;

	@Autowired
	TaskScheduler taskScheduler;

	@Autowired
	List<ScheduledTaskHolder> scheduledTasks;

	@Test
	void runsOnSpringBootsAutoConfiguredTaskSchedulerWithTheConfiguredCron() {
		assertThat(this.taskScheduler).isInstanceOf(ThreadPoolTaskScheduler.class);
		assertThat(this.scheduledTasks.stream().flatMap(holder -> holder.getScheduledTasks().stream()))
			.map(ScheduledTask::getTask)
			.filteredOn(CronTask.class::isInstance)
			.map(task -> ((CronTask) task).getExpression())
			.containsExactly(EVERY_SECOND);
	}

	@Test
	void theScheduleLaunchesRuns() {
		long before = executions();

		await().atMost(Duration.ofSeconds(10)).until(() -> executions() >= before + 2);
	}

	@Test
	void aTickWhileTheLeaseIsHeldLogsAWarningAndStartsNothing(CapturedOutput output) throws Exception {
		HeldLease held = await().atMost(Duration.ofSeconds(10))
			.ignoreException(LeaseUnavailableException.class)
			.until(() -> this.lease.acquire("test"), lease -> true);
		try {
			long before = executions();
			int warnings = skipped(output);

			Thread.sleep(2500);

			assertThat(executions()).isEqualTo(before);
			assertThat(skipped(output)).isGreaterThanOrEqualTo(warnings + 2);
			assertThat(output.getOut()).contains("WARN")
				.contains("Scheduled run '" + EVERY_SECOND + "' (Europe/Paris) skipped, nothing started: "
						+ "Refusing to start mediaPurgeJob: the job's lease is held by " + held.holder());
		}
		finally {
			held.close();
		}
		long released = executions();
		await().atMost(Duration.ofSeconds(10)).until(() -> executions() > released);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "media-purge.schedule.cron|0 0 25 * * *", "media-purge.schedule.cron|nightly",
					"media-purge.schedule.cron|0 2 * * *", "media-purge.schedule.zone|Mars/Olympus_Mons",
					"media-purge.lease.ttl|PT0.5S" })
	void anInvalidScheduleOrLeaseStopsStartUpNamingTheProperty(String property, String value, CapturedOutput output) {
		int exitCode = MediaPurgeApplication
			.run(new String[] { "--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
					"--spring.datasource.url=jdbc:h2:mem:bad-schedule-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.schedule.enabled=true",
					"--" + property + "=" + value });

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output).contains(property).contains(value);
	}

	private long executions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);
	}

	private static int skipped(CapturedOutput output) {
		return output.getOut().split("skipped, nothing started", -1).length - 1;
	}

}
