package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * An apply sends each key with its planned ETag
 * ({@code media-purge.sweep.conditional-deletes}, on by default): an object overwritten
 * after the chunk's listing saw it unchanged, but before its DeleteObjects request, is
 * kept by S3 itself (PreconditionFailed for that key) and recorded KEPT_CHANGED, never
 * deleted, never failed. The conditional request is still one DeleteObjects request.
 */
class OrphanSweepApplyConditionalIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void anObjectOverwrittenBetweenTheListingAndTheDeleteIsKept() {
		// given: three orphans; the apply's first chunk is a and b. Right after its
		// listing
		// saw b unchanged, the CMS uploads a new image under b's key
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		long planId = plan();
		this.s3.faults().afterNextListing(() -> this.s3.putContent("galleries/b.jpg", "a new image, same key"));

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: b was sent (with its planned ETag) and S3 kept it
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(this.s3.faults().deleteRequests()).containsExactly(List.of("galleries/a.jpg", "galleries/b.jpg"),
				List.of("galleries/c.jpg"));
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.KEPT_CHANGED, 1L)
			.containsEntry(ApplyOutcome.DELETED, 2L)
			.containsEntry(ApplyOutcome.FAILED, 0L);
		assertThat(this.plans.deletedKeys(planId)).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/c.jpg");
		assertThat(this.plans.objects(planId, 0, 10)).filteredOn(o -> o.key().equals("galleries/b.jpg"))
			.singleElement()
			.satisfies(o -> {
				assertThat(o.outcome()).isEqualTo(ApplyOutcome.KEPT_CHANGED);
				assertThat(o.outcomeReason()).startsWith("planned ETag " + o.eTag() + " no longer current when deleted")
					.contains("PreconditionFailed");
			});
	}

}
