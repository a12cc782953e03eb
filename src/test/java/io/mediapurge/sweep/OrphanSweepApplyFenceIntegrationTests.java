package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.purge.DeleteFencedException;
import io.mediapurge.sweep.plan.PlanStatus;

/**
 * An apply deletes only while the job's fence lets it: once its execution is no longer
 * running in the job repository (abandoned, or recovered by another process), it deletes
 * nothing more.
 */
class OrphanSweepApplyFenceIntegrationTests extends SweepIntegrationTestSupport {

	private static final String OTHER_HOLDER = "elsewhere/42/other";

	@Test
	void anApplyRecoveredElsewhereMidwayDeletesNothingMore() {
		// given: six orphans over three apply chunks
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg");
		long planId = plan();
		Set<String> planned = candidates(planId);
		assertThat(planned).hasSize(6);
		// once the first chunk has deleted, another process recovers the execution (as
		// for a process it believes dead): it is FAILED in the job repository
		this.gate.atChunk(1, this::recoveredElsewhere);

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: the second chunk stops at the fence, before its DeleteObjects
		assertThat(applied.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(applied.getStepExecutions()).filteredOn(step -> step.getStepName().equals("sweep-apply-delete"))
			.singleElement()
			.satisfies(step -> assertThat(step.getFailureExceptions()).singleElement()
				.satisfies(failure -> assertThat(failure).hasStackTraceContaining(DeleteFencedException.class.getName())
					.hasStackTraceContaining("deletes nothing more: it is FAILED in the job repository")));
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		assertThat(this.s3.keys()).containsExactly("galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg");
		assertThat(this.plans.deletedKeys(planId)).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/b.jpg");
		assertThat(this.plans.get(planId).status()).isNotEqualTo(PlanStatus.APPLIED);
	}

	@Test
	void aRequestRetriedSoonAfterTheChunksFenceCheckAsksTheFenceAgain() {
		// given: two orphans, one apply chunk; S3 answers the chunk's first request
		// SlowDown for both keys, and while that request is on its way another process
		// recovers the execution: the retry, well within recheck-after of the chunk's
		// check, must find the fence shut
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		long planId = plan();
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		this.s3.faults().slowDownKeys(Set.of("galleries/a.jpg", "galleries/b.jpg"), 1);
		this.s3.faults().beforeNextDelete(this::recoveredElsewhere);

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: one request reached S3 and deleted nothing; no retry was sent
		assertThat(applied.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(applied.getStepExecutions()).filteredOn(step -> step.getStepName().equals("sweep-apply-delete"))
			.singleElement()
			.satisfies(step -> assertThat(step.getFailureExceptions()).singleElement()
				.satisfies(
						failure -> assertThat(failure).hasStackTraceContaining(DeleteFencedException.class.getName())));
		assertThat(this.s3.faults().deleteRequests()).hasSize(1);
		assertThat(this.s3.keys()).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		assertThat(this.plans.deletedKeys(planId)).isEmpty();
	}

	@Test
	void anApplyWhoseProcessLostTheLeaseMidwayDeletesNothingMore() {
		// given: six orphans over three apply chunks
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg");
		long planId = plan();
		// once the first chunk has deleted, this process has stalled past the lease's
		// time
		// to live and another took it; the heartbeat has not noticed yet
		OffsetDateTime inAnHour = OffsetDateTime.now().plusHours(1);
		this.gate.atChunk(1,
				() -> assertThat(this.jdbc.update(
						"UPDATE purge_job_lease SET holder = ?, acquired_at = ?, heartbeat_at = ?, expires_at = ?, "
								+ "execution_id = NULL",
						OTHER_HOLDER, OffsetDateTime.now(), OffsetDateTime.now(), inAnHour))
					.isOne());

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(applied.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		assertThat(this.s3.keys()).containsExactly("galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg");
		assertThat(this.jdbc.queryForObject("SELECT holder FROM purge_job_lease", String.class))
			.isEqualTo(OTHER_HOLDER);
	}

	@AfterEach
	void giveTheOtherProcesssLeaseBack() {
		this.jdbc.update("DELETE FROM purge_job_lease WHERE holder = ?", OTHER_HOLDER);
	}

}
