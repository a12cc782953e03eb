package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sweep the Spring Batch way: launched with {@link JobOperatorTestUtils}, asserting
 * the steps run and their counters.
 */
class OrphanSweepJobBatchTests extends SweepIntegrationTestSupport {

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job orphanSweepJob;

	@Test
	void aPlanListsPageByPageAndAnApplyDecidesChunkByChunk() throws Exception {
		// given: seven objects under galleries/ (pages of three), one shown by a document
		for (int i = 1; i <= 7; i++) {
			this.s3.put("galleries/" + i + ".jpg");
		}
		this.s3.put("articles/not-listed.jpg");
		insert("galleries", gallery("g", cdnUrl("galleries/4.jpg")));
		this.jobOperatorTestUtils.setJob(this.orphanSweepJob);

		// when
		JobExecution plan = this.jobOperatorTestUtils
			.startJob(SweepJobParameters.plan(Instant.now(), List.of("galleries/"), Duration.ZERO));

		// then
		assertThat(plan.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(plan.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("sweep-plan-begin", "sweep-mark", "sweep-list", "sweep-list-partition:p0",
					"sweep-dangling", "sweep-plan-ready");
		StepExecution list = Steps.of(plan, "sweep-list");
		StepExecution partition = Steps.of(plan, "sweep-list-partition:p0");
		assertThat(partition.getExecutionContext().getString("prefix")).isEqualTo("galleries/");
		assertThat(partition.getReadCount()).isEqualTo(7);
		assertThat(partition.getExecutionContext().getLong("listRequests")).isEqualTo(3);
		assertThat(list.getReadCount()).isEqualTo(7);
		assertThat(list.getWriteCount()).isEqualTo(7);
		assertThat(list.getExecutionContext().getLong("listRequests")).isEqualTo(3);
		assertThat(Steps.of(plan, "sweep-mark").getExecutionContext().getLong("documentsMarked")).isEqualTo(1);
		long planId = plan.getJobInstance().getInstanceId();
		assertThat(candidates(planId)).hasSize(6).doesNotContain("galleries/4.jpg");

		// when: its apply, in chunks of two
		JobExecution apply = this.jobOperatorTestUtils.startJob(SweepJobParameters.apply(Instant.now(), planId));

		// then
		assertThat(apply.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(apply.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		StepExecution delete = Steps.of(apply, "sweep-apply-delete");
		assertThat(delete.getReadCount()).isEqualTo(6);
		assertThat(delete.getWriteCount()).isEqualTo(6);
		assertThat(delete.getCommitCount()).isGreaterThanOrEqualTo(3);
		assertThat(Steps.of(apply, "sweep-apply-finish").getExecutionContext().getLong("DELETED")).isEqualTo(6);
		assertThat(this.s3.keys()).containsExactly("articles/not-listed.jpg", "galleries/4.jpg");
	}

	/**
	 * Outside the test class: Spring Batch's test listener reads its StepExecution
	 * methods.
	 */
	static final class Steps {

		static StepExecution of(JobExecution execution, String name) {
			return execution.getStepExecutions()
				.stream()
				.filter(step -> step.getStepName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no step " + name));
		}

		/**
		 * The partition of the listing that listed a prefix (its name says only its
		 * place).
		 */
		static StepExecution partition(JobExecution execution, String prefix) {
			return execution.getStepExecutions()
				.stream()
				.filter(step -> step.getStepName().startsWith("sweep-list-partition:")
						&& prefix.equals(step.getExecutionContext().getString("prefix")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no partition listed " + prefix));
		}

	}

}
