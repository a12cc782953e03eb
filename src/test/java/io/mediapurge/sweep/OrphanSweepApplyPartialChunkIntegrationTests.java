package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.TestPropertySource;

/**
 * A chunk whose keys go in several DeleteObjects requests (here one key a request) and
 * whose later request cannot go, because the fence shut meanwhile: the chunk fails and
 * stays undecided, but the keys its earlier requests deleted are in the audit log, so the
 * plan's deleted keys are what S3 really deleted, not what a restart later finds gone.
 */
@TestPropertySource(properties = "media-purge.s3.delete.max-keys-per-request=1")
class OrphanSweepApplyPartialChunkIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void theKeysAChunkDeletedBeforeTheFenceShutAreAudited() {
		// given: two orphans, one apply chunk, one key a request; while the first request
		// is on its way another process recovers the execution
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		long planId = plan();
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		this.s3.faults().beforeNextDelete(this::recoveredElsewhere);

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: a went, b did not; a is audited as deleted by this apply
		assertThat(applied.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg");
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(this.plans.deletedKeys(planId)).containsExactly("galleries/a.jpg");
	}

}
