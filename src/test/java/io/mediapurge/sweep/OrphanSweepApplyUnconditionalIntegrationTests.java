package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.TestPropertySource;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * With {@code media-purge.sweep.conditional-deletes=false} (for S3-compatible stores that
 * refuse or ignore a key's ETag in DeleteObjects) the apply's listing alone tells changed
 * keys: an object overwritten between the listing and the DeleteObjects request is
 * deleted. This is the window conditional deletes close.
 */
@TestPropertySource(properties = "media-purge.sweep.conditional-deletes=false")
class OrphanSweepApplyUnconditionalIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void anObjectOverwrittenBetweenTheListingAndTheDeleteIsDeleted() {
		// given: as in OrphanSweepApplyConditionalIntegrationTests
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		long planId = plan();
		this.s3.faults().afterNextListing(() -> this.s3.putContent("galleries/b.jpg", "a new image, same key"));

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: sent without an ETag, the new image is gone
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.s3.keys()).isEmpty();
		assertThat(this.s3.faults().deleteRequests()).hasSize(2);
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 3L)
			.containsEntry(ApplyOutcome.KEPT_CHANGED, 0L);
	}

}
