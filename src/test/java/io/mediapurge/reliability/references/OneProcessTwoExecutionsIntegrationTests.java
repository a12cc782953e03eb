package io.mediapurge.reliability.references;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * Two executions of the job in one process, and a process that lost the job's lease. A
 * run is held after the gallery step's first chunk (gallery g1 purged); then a second
 * execution runs to its end in the same JVM straight through the {@link JobOperator} (the
 * launcher refuses it, but nothing in the job itself may rely on that), or another
 * process takes the lease. Each document is a chunk of its own.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:references-mid-step;DB_CLOSE_DELAY=-1",
		"media-purge.chunk-size=1", "media-purge.fill-requests=false", "media-purge.lease.ttl=30m" })
class OneProcessTwoExecutionsIntegrationTests extends ReferencesTestSupport {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job mediaPurgeJob;

	@Test
	void aSecondExecutionInTheSameProcessChangesNothingOfTheRunningOne() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/live.jpg", "shared/logo.jpg", "articles/a1.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"), cdnUrl("shared/logo.jpg"))),
				gallery("live", cdnUrl("galleries/live.jpg"), cdnUrl("shared/logo.jpg")));
		insert("articles", due(article("a1", cdnUrl("articles/a1.jpg"), List.of())));
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<JobExecution> first = CompletableFuture.supplyAsync(() -> this.launcher.run(false, Set.of()));
		this.gate.awaitHeld(Duration.ofSeconds(30));

		// a dry run of the articles alone, in this process, while the first run is held
		JobExecution second = this.jobOperator.start(this.mediaPurgeJob,
				new MediaPurgeJobParameters(Instant.now(), Duration.ofHours(24), true, Set.of("article"))
					.toJobParameters());
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		this.gate.release();
		JobExecution execution = first.get(60, TimeUnit.SECONDS);

		// the first run purged everything due, as it would have alone, and kept the logo
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(keys()).containsExactly("galleries/live.jpg", "shared/logo.jpg");
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrder("articles/a1.jpg", "galleries/g1.jpg",
				"galleries/g2.jpg");
		assertThat(gallerySteps(execution).getWriteCount()).isEqualTo(2);
		assertThat(purgedDocuments(execution)).isEqualTo(3);
		assertThat(auditedKeys(second)).isEmpty();
	}

	@Test
	void aProcessThatLostTheLeaseMidStepDeletesNothingMore() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))), due(gallery("g3", cdnUrl("galleries/g3.jpg"))));
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> this.launcher.run(false, Set.of()));
		this.gate.awaitHeld(Duration.ofSeconds(30));

		// this process stalled past the lease's time to live and another took it; the
		// heartbeat has not noticed yet
		OffsetDateTime inAnHour = OffsetDateTime.now().plusHours(1);
		assertThat(this.jdbc.update(
				"UPDATE purge_job_lease SET holder = ?, acquired_at = ?, heartbeat_at = ?, "
						+ "expires_at = ?, execution_id = NULL",
				"elsewhere/42/other", OffsetDateTime.now(), OffsetDateTime.now(), inAnHour))
			.isOne();
		this.s3.faults().reset();
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		// the step fails at the fence, before its chunk's deletes; a restart, under the
		// lease, finishes the run
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.FAILED);
		assertThat(execution.getExitStatus().getExitDescription())
			.contains("deletes nothing more: this process no longer holds the job's lease");
		assertThat(documents()).containsExactly("g2", "g3");
		assertThat(keys()).containsExactly("galleries/g2.jpg", "galleries/g3.jpg");
		assertThat(keysSentToS3()).isEmpty();
		assertThat(auditedKeys(execution)).containsExactly("galleries/g1.jpg");
		// the other holder keeps its lease
		assertThat(this.jdbc.queryForObject("SELECT holder FROM purge_job_lease", String.class))
			.isEqualTo("elsewhere/42/other");
	}

	@AfterEach
	void giveTheOtherProcesssLeaseBack() {
		this.jdbc.update("DELETE FROM purge_job_lease WHERE holder = 'elsewhere/42/other'");
	}

	private static StepExecution gallerySteps(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("purge-gallery"))
			.findFirst()
			.orElseThrow();
	}

}
