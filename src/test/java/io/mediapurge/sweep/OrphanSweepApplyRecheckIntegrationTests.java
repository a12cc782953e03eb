package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * An apply catches up on the documents written since its mark before each chunk, then
 * lists the chunk's keys and deletes: a listing that takes longer than
 * {@code media-purge.references.recheck-after} (1s by default) has the DeleteObjects
 * request catch up again right before it leaves, so a document saved during the listing
 * keeps its key.
 */
class OrphanSweepApplyRecheckIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void aDocumentSavedWhileTheChunkIsListedKeepsAPlannedKey() {
		// given: three orphans, one apply chunk
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		long planId = plan();
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		// the chunk's catch-up is done; while its keys are listed, the CMS saves a page
		// showing b, and the listing takes a while
		this.s3.faults().beforeNextListing(() -> {
			insert("galleries", gallery("saved-mid-listing", s3Url("galleries/b.jpg").replace("https:", "http:")));
			sleep(1_300);
		});

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(keysSentToS3()).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/c.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 2L)
			.containsEntry(ApplyOutcome.KEPT_REFERENCED, 1L);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
