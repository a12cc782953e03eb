package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * An apply marks once, then deletes chunk by chunk: a document saved after its mark keeps
 * the keys it shows.
 */
class OrphanSweepApplyCatchUpIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void aDocumentSavedDuringTheApplyKeepsAPlannedKey() {
		// given: four orphans over two apply chunks
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg");
		long planId = plan();
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg",
				"galleries/d.jpg");
		// after the apply's mark and its first chunk, the CMS saves a page showing d
		this.gate.atChunk(1, () -> insert("galleries", gallery("saved-mid-apply", s3Url("galleries/d.jpg"))));

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/d.jpg");
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 3L)
			.containsEntry(ApplyOutcome.KEPT_REFERENCED, 1L);
	}

}
