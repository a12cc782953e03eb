package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediapurge.sweep.plan.DanglingReference;

/**
 * Dangling references against what the listing held, whatever the plan made of each
 * listed object: a key the bucket holds is never reported as broken, whether the plan
 * found it referenced, young or an orphan candidate, even when the only document that
 * shows it was written while the plan listed.
 */
class OrphanSweepDanglingIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void aCandidateShownByADocumentWrittenDuringTheListingIsNotReportedAsDangling() {
		// given: orphans old enough to be candidates; a gallery saved at the listing's
		// first page shows one of them, and one key the bucket does not hold
		for (int i = 1; i <= 7; i++) {
			this.s3.put("galleries/old-" + i + ".jpg");
		}
		insertGalleriesAtFirstPage(gallery("written-during-listing", cdnUrl("galleries/old-6.jpg"),
				cdnUrl("galleries/never-uploaded.jpg")));

		// when: no minimum age, so every listed object is old
		long planId = plan("galleries/");

		// then: the candidate stays in the plan (the apply's catch-up keeps it), and only
		// the key the bucket does not hold is reported
		assertThat(candidates(planId)).contains("galleries/old-6.jpg").hasSize(7);
		assertThat(this.plans.dangling(planId, 0, 100)).extracting(DanglingReference::key)
			.containsExactly("galleries/never-uploaded.jpg");
		assertThat(this.plans.get(planId).danglingReferences()).isOne();
	}

	@Test
	void aYoungObjectShownByADocumentWrittenDuringTheListingIsNotReportedAsDangling() {
		// given: objects uploaded a moment ago, younger than the minimum age; a gallery
		// saved at the listing's first page shows one of them
		for (int i = 1; i <= 7; i++) {
			this.s3.put("galleries/new-" + i + ".jpg");
		}
		insertGalleriesAtFirstPage(
				gallery("saved-during-listing", cdnUrl("galleries/new-6.jpg"), cdnUrl("galleries/not-there.jpg")));

		// when
		long planId = plan(Duration.ofHours(1), "galleries/");

		// then: no candidate (all young), and only the missing key is dangling
		assertThat(candidates(planId)).isEmpty();
		assertThat(this.plans.dangling(planId, 0, 100)).extracting(DanglingReference::key)
			.containsExactly("galleries/not-there.jpg");
	}

	@Test
	void candidatesAndMissingKeysOfManyDocumentsAreToldApart() {
		// given: more documents than one batch of the dangling check, each showing a
		// candidate written into the plan and a key the bucket does not hold
		int documents = 1_200;
		org.bson.Document[] galleries = new org.bson.Document[documents];
		for (int i = 0; i < documents; i++) {
			this.s3.put("galleries/c-" + i + ".jpg");
			galleries[i] = gallery("g-" + i, cdnUrl("galleries/c-" + i + ".jpg"), cdnUrl("galleries/m-" + i + ".jpg"));
		}
		insertGalleriesAtFirstPage(galleries);

		// when
		long planId = plan("galleries/");

		// then
		assertThat(candidates(planId)).hasSize(documents);
		List<DanglingReference> dangling = this.plans.dangling(planId, 0, 10_000);
		assertThat(dangling).hasSize(documents).allSatisfy(reference -> {
			assertThat(reference.key()).startsWith("galleries/m-");
			assertThat(reference.documentId()).isEqualTo("g-" + reference.key().replaceAll("\\D", ""));
		});
		assertThat(this.plans.get(planId).danglingReferences()).isEqualTo(documents);
	}

}
