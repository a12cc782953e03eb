package io.mediapurge.operations.launch;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.operations.lease.LeaseUnavailableException;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.PostgresTestSchema;
import io.mediapurge.support.SecondProcess;
import io.mediapurge.support.SlowS3;

/**
 * Two application contexts (two processes, as far as the job repository can tell) on one
 * PostgreSQL job repository: launches never overlap, whichever process they come from.
 */
@SpringBootTest
@DirtiesContext
class ConcurrentLaunchIntegrationTests extends ApplicationTestSupport {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("concurrent");

	static ConfigurableApplicationContext otherProcess;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		SCHEMA.register(registry);
		registry.add("media-purge.chunk-size", () -> "1");
		registry.add("media-purge.s3.delete.initial-backoff", () -> "100ms");
		registry.add("media-purge.s3.delete.max-backoff", () -> "200ms");
	}

	@Autowired
	JobRepository jobRepository;

	@BeforeEach
	void startTheOtherProcessAndSeed() {
		if (otherProcess == null) {
			otherProcess = SecondProcess.on(SCHEMA)
				.start("--media-purge.s3.delete.initial-backoff=100ms", "--media-purge.s3.delete.max-backoff=200ms",
						"--media-purge.chunk-size=1");
		}
		for (int i = 0; i < 6; i++) {
			String key = "galleries/g" + i + "/1.jpg";
			this.s3.put(key);
			this.mongo.getCollection("galleries").insertOne(due(gallery("g" + i, cdnUrl(key))));
		}
	}

	@AfterAll
	static void closeAndDropSchema() throws Exception {
		if (otherProcess != null) {
			otherProcess.close();
		}
		SCHEMA.drop();
	}

	@Test
	void ofTwoProcessesLaunchingAtOnceExactlyOneRunsAndTheOtherIsRefused() throws Exception {
		PurgeLauncher other = otherProcess.getBean(PurgeLauncher.class);
		long executionsBefore = executions();
		CyclicBarrier together = new CyclicBarrier(2);
		List<CompletableFuture<Object>> launches = new ArrayList<>();
		try (SlowS3 slow = new SlowS3(this.s3.faults())) {
			for (PurgeLauncher process : List.of(this.launcher, other)) {
				launches.add(CompletableFuture.supplyAsync(() -> {
					try {
						together.await();
						return process.run(false, Set.of());
					}
					catch (OperationRefusedException ex) {
						return ex;
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			CompletableFuture.allOf(launches.toArray(CompletableFuture[]::new)).get();
		}

		List<Object> outcomes = launches.stream().map(CompletableFuture::join).toList();
		assertThat(outcomes).filteredOn(JobExecution.class::isInstance)
			.singleElement()
			.satisfies(run -> assertThat(((JobExecution) run).getStatus()).isEqualTo(BatchStatus.COMPLETED));
		assertThat(outcomes).filteredOn(OperationRefusedException.class::isInstance)
			.singleElement()
			.satisfies(refusal -> assertThat(((OperationRefusedException) refusal).getMessage())
				.startsWith("Refusing to start mediaPurgeJob: the job's lease is held by ")
				.contains("expires at"));
		assertThat(executions()).isEqualTo(executionsBefore + 1);
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aLaunchFromAnotherProcessWhileOneRunsIsRefusedNamingItAndTheNextLaunchProceeds() throws Exception {
		PurgeLauncher other = otherProcess.getBean(PurgeLauncher.class);
		long running;
		try (SlowS3 slow = new SlowS3(this.s3.faults())) {
			running = this.launcher.startInBackground(false, Set.of());

			assertThatExceptionOfType(OperationRefusedException.class).isThrownBy(() -> other.run(true, Set.of()))
				.withMessageContaining("for execution " + running)
				.havingCause()
				.isInstanceOfSatisfying(LeaseUnavailableException.class,
						(ex) -> assertThat(ex.holder().executionId()).isEqualTo(running));
			assertThatExceptionOfType(OperationRefusedException.class)
				.isThrownBy(() -> other.startInBackground(false, Set.of("gallery")));
			assertThatExceptionOfType(OperationRefusedException.class)
				.isThrownBy(() -> this.launcher.startInBackground(false, Set.of()));

			// the lease is released once the execution has ended
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.control.currentLease().filter(LeaseState::live).isEmpty());
		}

		assertThat(this.jobRepository.getJobExecution(running).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(other.run(false, Set.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).isEmpty();
	}

	private long executions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);
	}

}
