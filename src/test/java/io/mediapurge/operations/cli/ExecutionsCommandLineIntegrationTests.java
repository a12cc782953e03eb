package io.mediapurge.operations.cli;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.ChunkGate;
import io.mediapurge.support.SecondProcess;
import io.mediapurge.support.TestServers;

/**
 * {@code java -jar media-purge.jar executions ...} end to end: each command starts the
 * whole application in-process ({@link MediaPurgeApplication#run(String[])}) on a job
 * repository it shares with this test's application, which plays a second process that
 * runs the job.
 */
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@Import(ChunkGate.Configuration.class)
class ExecutionsCommandLineIntegrationTests extends ApplicationTestSupport {

	static final String REPOSITORY = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	static final SecondProcess COMMAND_LINE = SecondProcess.on(REPOSITORY);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> REPOSITORY);
		registry.add("media-purge.chunk-size", () -> "1");
	}

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ChunkGate gate;

	@Test
	void listShowsTheLatestExecutionsNewestFirst(CapturedOutput output) {
		seedGalleries(2);
		JobExecution dryRun = this.launcher.run(true, Set.of("gallery"));
		JobExecution real = this.launcher.run(false, Set.of());

		assertThat(cli("executions", "list", "limit=2")).isEqualTo(ExitCodes.COMPLETED.code());

		String out = output.getOut();
		assertThat(out).contains("Lease: free (no execution is running)")
			.containsPattern("ID +STATUS +EXIT CODE +STARTED +DURATION +DRY RUN +CONTENT TYPES +PURGED +IMAGES DELETED")
			.containsPattern(
					"\n" + real.getId() + " +COMPLETED +COMPLETED +\\S+ \\S+ \\S+ +\\d+s +no +all +2 +2 +0 +0\n")
			// a dry run deleted nothing: it says what a real run would do
			.containsPattern("\n" + dryRun.getId()
					+ " +COMPLETED +COMPLETED +\\S+ \\S+ \\S+ +\\d+s +yes +gallery +would 2 +would 2 +0 +0\n");
		assertThat(out.indexOf("\n" + real.getId() + " ")).isLessThan(out.indexOf("\n" + dryRun.getId() + " "));
	}

	@Test
	void planPrintsADryRunsPlanOnTheJobRepositoryAlone(CapturedOutput output) {
		seedGalleries(1);
		JobExecution dryRun = this.launcher.run(true, Set.of("gallery"));
		JobExecution real = this.launcher.run(false, Set.of("article"));

		assertThat(cli("executions", "plan", Long.toString(dryRun.getId()), "format=csv"))
			.isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(cli("executions", "plan", Long.toString(real.getId()))).isEqualTo(ExitCodes.REFUSED.code());

		assertThat(output.getOut())
			.contains("content_type,document_id,object_id,action,image_kind,image,reason_code,reason\r\n")
			.containsPattern("\"gallery\",\"g0\",\"\\w+\",\"purge\",\"delete\",\"galleries/g0/1.jpg\"");
		assertThat(output.getErr()).contains("refused: Execution " + real.getId() + " is not a dry run");
	}

	@Test
	void showPrintsStepsCountsPerContentTypeReasonsAndExitStatus(CapturedOutput output) {
		seedGalleries(1);
		this.mongo.getCollection("galleries")
			.insertOne(due(new Document("gallery_id", "broken").append("images", "not-a-list")));
		this.mongo.getCollection("articles")
			.insertOne(due(article("tricky", TestServers.CDN + "articles/../shared/logo.png", List.of())));
		JobExecution run = this.launcher.run(false, Set.of());

		assertThat(cli("executions", "show", Long.toString(run.getId()))).isEqualTo(0);

		assertThat(output.getOut()).contains("Execution " + run.getId() + " of mediaPurgeJob")
			.containsPattern("status: +COMPLETED\n")
			.containsPattern("exit code: +COMPLETED_WITH_ISSUES\n")
			.containsPattern("actions: +none\n")
			.containsPattern("purge-gallery +COMPLETED +COMPLETED +2 +1 +1 ")
			.containsPattern("gallery +2 +1 +1 +0 +0 +0 +1 +0 +0 +0 +\\d+ +0 +1\n")
			.containsPattern("article +1 +0 +0 +1 +0 +0 +0 ")
			.contains("gallery SKIPPED ")
			.contains("article BLOCKED ")
			.containsPattern("gallery +broken +SKIPPED ")
			.containsPattern("article +tricky +BLOCKED ")
			.contains("Failures:\n  (none)");
	}

	@Test
	void restartOfAFailedRunFinishesItAndExitsWithItsStatus(CapturedOutput output) {
		seedGalleries(3);
		this.s3.faults().failNextRequests(1, 403, "InvalidAccessKeyId");
		JobExecution failed = this.launcher.run(false, Set.of());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		assertThat(cli("executions", "show", Long.toString(failed.getId()))).isZero();
		assertThat(output.getOut()).containsPattern("actions: +restart, abandon\n")
			.contains("Failed content types: [purge-gallery (ImageStoreUnavailableException: S3 refused DeleteObjects")
			.containsPattern("\n  purge-gallery: \\S+");

		assertThat(cli("executions", "restart", Long.toString(failed.getId()))).isEqualTo(ExitCodes.COMPLETED.code());

		JobExecution restarted = this.jobRepository.getLastJobExecution(failed.getJobInstance());
		assertThat(restarted.getId()).isGreaterThan(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(output.getOut()).contains("Execution " + restarted.getId() + " of mediaPurgeJob");
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isZero();
		assertThat(this.s3.keys()).isEmpty();

		// the failed execution was restarted: it cannot be restarted again
		assertThat(cli("executions", "restart", Long.toString(failed.getId()))).isEqualTo(ExitCodes.REFUSED.code());
		assertThat(output.getErr()).contains("already restarted as execution " + restarted.getId());
	}

	@Test
	void actionsThatDoNotApplyAreRefusedWithExitCodeSix(CapturedOutput output) {
		String completed = Long.toString(this.launcher.run(false, Set.of()).getId());

		assertThat(cli("executions", "restart", completed)).isEqualTo(ExitCodes.REFUSED.code());
		assertThat(cli("executions", "stop", completed)).isEqualTo(ExitCodes.REFUSED.code());
		assertThat(cli("executions", "recover", completed)).isEqualTo(ExitCodes.REFUSED.code());
		assertThat(cli("executions", "abandon", completed)).isEqualTo(ExitCodes.REFUSED.code());

		assertThat(output.getErr())
			.contains("refused: Cannot restart execution " + completed + " (COMPLETED): it completed; start a new run")
			.contains("refused: Execution " + completed + " is COMPLETED, not running: nothing to stop")
			.contains("refused: Execution " + completed + " is COMPLETED, not running: nothing to recover")
			.contains("refused: Execution " + completed
					+ " is COMPLETED: only a FAILED or STOPPED execution can be abandoned");
	}

	@Test
	void anAbandonedRunIsNeverRestarted(CapturedOutput output) {
		seedGalleries(1);
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		String failed = Long.toString(this.launcher.run(false, Set.of()).getId());

		assertThat(cli("executions", "abandon", failed)).isZero();
		assertThat(cli("executions", "restart", failed)).isEqualTo(ExitCodes.REFUSED.code());

		assertThat(output.getOut()).contains("Execution " + failed + " is ABANDONED: it will never be restarted.");
		assertThat(output.getErr()).contains("(ABANDONED): it was abandoned");
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isOne();
	}

	@Test
	void stopAndRecoverOfARunningExecutionAndLaunchesWhileItHoldsTheLease(CapturedOutput output) throws Exception {
		seedGalleries(20);
		// held after its first chunk until it is asked to stop, so it cannot end before
		this.gate.holdAfterFirstChunk("gallery");
		long running = this.launcher.startInBackground(false, Set.of("gallery"));
		try {
			this.gate.awaitHeld(Duration.ofSeconds(30));

			assertThat(cli()).isEqualTo(ExitCodes.REFUSED.code());
			assertThat(cli("executions", "recover", Long.toString(running))).isEqualTo(ExitCodes.REFUSED.code());
			assertThat(cli("executions", "list")).isZero();
			assertThat(cli("executions", "stop", Long.toString(running))).isZero();
		}
		finally {
			this.gate.release();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.control.currentLease().filter(LeaseState::live).isEmpty());
		assertThat(output.getErr()).contains("refused: Refusing to start mediaPurgeJob: the job's lease is held by ")
			.contains("for execution " + running)
			.contains("refused: Cannot recover execution " + running + " yet: the job's lease is held by ")
			.contains("expires at");
		assertThat(output.getOut()).containsPattern("Lease: held by \\S+ for execution " + running)
			.contains("Stop requested for execution " + running + " (now STOPPING): it ends after its current chunk");
		assertThat(this.jobRepository.getJobExecution(running).getStatus()).isEqualTo(BatchStatus.STOPPED);
		// the chunk in flight when the stop came, and nothing more
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isEqualTo(19);

		assertThat(cli("executions", "restart", Long.toString(running))).isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void anUnknownExecutionExitsEight(CapturedOutput output) {
		for (String subcommand : List.of("show", "restart", "stop", "recover", "abandon")) {
			assertThat(cli("executions", subcommand, "987654")).as(subcommand)
				.isEqualTo(ExitCodes.UNKNOWN_EXECUTION.code());
		}
		assertThat(output.getErr()).contains("No execution of mediaPurgeJob with id 987654");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "executions frobnicate", "executions list lmit=5", "executions start contentTypes=podcast" })
	void anythingElseIsRefusedWithTheUsageAndRunsNothing(String arguments, CapturedOutput output) {
		long executions = this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);

		assertThat(cli(arguments.split(" "))).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());

		assertThat(output.getErr()).contains("media-purge: ").contains("Usage: java -jar media-purge.jar");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class))
			.isEqualTo(executions);
	}

	private void seedGalleries(int count) {
		for (int i = 0; i < count; i++) {
			String key = "galleries/g" + i + "/1.jpg";
			this.s3.put(key);
			this.mongo.getCollection("galleries").insertOne(due(gallery("g" + i, cdnUrl(key))));
		}
	}

	/** {@code java -jar media-purge.jar <arguments>} on the shared job repository. */
	private int cli(String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--media-purge.s3.delete.initial-backoff=5ms", "--media-purge.s3.delete.max-backoff=20ms"));
		all.addAll(List.of(arguments));
		return COMMAND_LINE.run(all.toArray(String[]::new));
	}

}
