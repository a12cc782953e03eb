package io.mediapurge.reliability.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.cli.ExitCodes;

/**
 * The exit code describes the whole execution, so that a scheduler sees a failed night: a
 * restart counts what the completed steps of its job instance left behind, and a failed
 * content type wins over a stop.
 */
class ExitCodesIntegrationTests extends OperationsSafetyTestSupport {

	@Autowired
	JobRepository jobRepository;

	@Test
	void aRestartExitsThreeWhenACompletedStepItDidNotRunAgainBlockedADocument() {
		seed();
		// the articles' first request is refused as a whole: the article step fails;
		// the gallery step completes, with g1 blocked by a per-key AccessDenied
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		this.s3.faults().denyKeys(Set.of("galleries/g1.jpg"));
		CommandLineRun first = commandLine("executions", "start", "contentTypes=article,gallery")
			.assertExitCode(ExitCodes.FAILED.code());
		long failed = this.jdbc.queryForObject("SELECT MAX(job_execution_id) FROM batch_job_execution", Long.class);
		assertThat(first.out()).contains("Execution " + failed + " of mediaPurgeJob");

		CommandLineRun restart = commandLine("executions", "restart", Long.toString(failed));

		restart.assertExitCode(ExitCodes.COMPLETED_WITH_ISSUES.code());
		JobExecution restarted = this.jobRepository
			.getLastJobExecution(this.jobRepository.getJobExecution(failed).getJobInstance());
		assertThat(restarted.getId()).isGreaterThan(failed);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		// the article step again, then the last step, which had not run
		assertThat(restarted.getStepExecutions()).extracting((step) -> step.getStepName())
			.containsExactly("purge-article", "shared-images");
		assertThat(documents()).containsExactly("g1", "live", "o1", "t1");
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/live.jpg",
				"releases/o1.jpg", "releases/t1-image.jpg", "releases/t1-banner.jpg");
	}

	@Test
	void aRunStoppedAfterAContentTypeFailedExitsFiveAsFailed() throws Exception {
		seed();
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<CommandLineRun> run = CompletableFuture.supplyAsync(() -> commandLine("executions", "start"));
		this.gate.awaitHeld(Duration.ofSeconds(60));
		long id = this.jobRepository.findRunningJobExecutions("mediaPurgeJob").iterator().next().getId();
		this.control.stop(id);
		this.gate.release();

		run.get().assertExitCode(ExitCodes.FAILED.code());

		JobExecution ended = this.jobRepository.getJobExecution(id);
		assertThat(ended.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ended.getStepExecutions()).extracting((step) -> step.getStepName() + " " + step.getStatus())
			.containsExactlyInAnyOrder("purge-article FAILED", "purge-gallery STOPPED");
		assertThat(ended.getExitStatus().getExitDescription()).contains("purge-article");
		assertThat(documents()).containsExactly("a1", "a2", "g2", "live", "o1", "t1");
		assertThat(this.s3.keys()).containsExactlyInAnyOrderElementsOf(keysWithout("galleries/g1.jpg"));
	}

}
