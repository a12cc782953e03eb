package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.sweep.plan.DanglingReference;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;

/**
 * Plans: what becomes a candidate, what is listed, what is reported as dangling.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrphanSweepPlanIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void everyUrlFormOfAReferencedKeyKeepsItOutOfThePlan() {
		// given: one key per URL form, each shown by one document in some state, and one
		// key no document shows
		Map<String, String> urlByKey = new LinkedHashMap<>();
		List<String> forms = this.resolver.urlForms("galleries/form.jpg");
		for (int i = 0; i < forms.size(); i++) {
			String key = "galleries/form-" + i + ".jpg";
			urlByKey.put(key, this.resolver.urlForms(key).get(i));
		}
		urlByKey.put("galleries/sp ace.jpg", cdnUrl("galleries/sp%20ace.jpg"));
		urlByKey.put("galleries/plus sign.jpg", cdnUrl("galleries/plus+sign.jpg"));
		urlByKey.put("galleries/twice encoded.jpg", cdnUrl("galleries/twice%2520encoded.jpg"));
		urlByKey.put("galleries/query.jpg", cdnUrl("galleries/query.jpg") + "?w=200");
		urlByKey.put("galleries/double-slash.jpg", cdnUrl("galleries//double-slash.jpg"));
		urlByKey.put("galleries/upper.jpg", "HTTPS://CDN.EXAMPLE.COM/media/galleries/upper.jpg");
		urlByKey.put("galleries/s3-uri.jpg", "s3://media/galleries/s3-uri.jpg");
		urlByKey.put("galleries/spaces.jpg", "  " + cdnUrl("galleries/spaces.jpg") + "\n");
		urlByKey.put("galleries/path-style.jpg", s3Url("galleries/path-style.jpg"));
		urlByKey.put("articles/dot-segment.jpg", cdnUrl("articles/x/../dot-segment.jpg"));
		urlByKey.forEach((key, url) -> this.s3.put(key));
		this.s3.put("galleries/orphan.jpg", "galleries/malformed.jpg", "articles/lead.jpg");
		List<Document> galleries = new ArrayList<>();
		int i = 0;
		for (String url : urlByKey.values()) {
			Document document = gallery("g-" + i, url);
			// live, due, in grace, quarantined: every state shows its images
			switch (i++ % 4) {
				case 1 -> due(document);
				case 2 -> flagged(document, Duration.ofHours(1));
				case 3 -> due(document).append("purge_quarantined_at", new Date());
				default -> {
				}
			}
			galleries.add(document);
		}
		// a malformed gallery (images is not an array) still shows its image
		galleries.add(new Document("gallery_id", "bad").append("images", cdnUrl("galleries/malformed.jpg")));
		insert("galleries", galleries.toArray(Document[]::new));
		insert("articles", article("a-1", cdnUrl("articles/lead.jpg"), List.of()));

		// when
		long planId = plan();

		// then
		assertThat(candidates(planId)).containsExactly("galleries/orphan.jpg");
		SweepPlan plan = this.plans.get(planId);
		assertThat(plan.prefixes()).containsExactly("articles/", "galleries/");
		assertThat(plan.totals()).extracting(PrefixTotals::prefix).containsExactly("articles/", "galleries/");
		assertThat(plan.totals().stream().mapToLong(PrefixTotals::objectsReferenced).sum())
			.isEqualTo(urlByKey.size() + 2);
		assertThat(plan.falseKeepRate()).isZero();
	}

	@Test
	void objectsOutsideThePrefixesAreNeverListed() {
		// given
		this.s3.put("galleries/a.jpg", "galleries-old/b.jpg", "releases/c.jpg", "articles/d.jpg", "e.jpg");

		// when: the configured prefixes, then one of them
		long all = plan();
		this.s3.faults().reset();
		long galleries = plan("galleries/");

		// then
		assertThat(candidates(all)).containsExactly("articles/d.jpg", "galleries/a.jpg");
		assertThat(candidates(galleries)).containsExactly("galleries/a.jpg");
		assertThat(this.s3.faults().listedPrefixes()).isNotEmpty().allMatch("galleries/"::equals);
		assertThat(this.plans.get(galleries).totals()).singleElement()
			.satisfies(totals -> assertThat(totals.objectsListed()).isEqualTo(1));
	}

	@Test
	void aPrefixOutsideTheConfiguredOnesIsRefused() {
		this.s3.put("releases/c.jpg");
		assertThatThrownBy(() -> this.sweeps.plan(List.of("releases/"), Duration.ZERO))
			.isInstanceOf(InvalidLaunchArgumentsException.class)
			.hasMessageContaining("outside media-purge.s3.key-prefixes");
		assertThatThrownBy(() -> this.sweeps.plan(List.of("galleries"), Duration.ZERO))
			.isInstanceOf(InvalidLaunchArgumentsException.class);
		assertThat(this.plans.recent(10)).isEmpty();
		assertThat(this.s3.faults().listedPrefixes()).isEmpty();
	}

	@Test
	void youngObjectsAreNeverCandidates() {
		// given: objects written just now
		this.s3.put("galleries/new-1.jpg", "galleries/new-2.jpg", "articles/new-3.jpg");

		// when: the default minimum age (7 days), then none
		long young = plan((Duration) null);
		long old = plan(Duration.ZERO);

		// then
		assertThat(candidates(young)).isEmpty();
		SweepPlan plan = this.plans.get(young);
		assertThat(plan.minAge()).isEqualTo("PT168H");
		assertThat(plan.totals().stream().mapToLong(PrefixTotals::objectsYoung).sum()).isEqualTo(3);
		assertThat(plan.reclaimableBytes()).isZero();
		assertThat(candidates(old)).hasSize(3);
		assertThat(this.plans.get(old).reclaimableBytes()).isPositive();
	}

	@Test
	void thePlansLogWordsItsMinimumAgeAndFalseKeepRateAsTheCommandLineDoes(CapturedOutput output) {
		// an operator reading the job's log (where the command line is not at hand)
		// reads "7 days" and "none", not PT168H and 0.00e+00
		this.s3.put("galleries/new-1.jpg");

		long young = plan((Duration) null);
		plan(Duration.ZERO);

		assertThat(output.getOut()).contains("Plan " + young + ": listing")
			.contains("(minimum age 7 days)")
			.contains("(minimum age none)")
			.containsPattern("Plan " + young + ": marked \\d+ keys .*; false-keep rate (none|about 1 in [0-9,]+)\\)")
			.doesNotContain("minimum age PT")
			.doesNotContainPattern("false-keep rate [0-9.]+e");
	}

	@Test
	void danglingReferencesAreReportedLiveDocumentsFirst() {
		// given
		this.s3.put("galleries/present.jpg");
		insert("galleries", due(gallery("gone-g", cdnUrl("galleries/gone.jpg"))),
				gallery("live-g", cdnUrl("galleries/present.jpg"), cdnUrl("galleries/missing.jpg")),
				gallery("external", "https://elsewhere.example.org/galleries/missing.jpg"));
		insert("articles", article("outside", s3Url("releases/x.jpg"), List.of(cdnUrl("articles/lost.jpg"))));

		// when
		long planId = plan();

		// then
		List<DanglingReference> dangling = this.plans.dangling(planId, 0, 100);
		assertThat(dangling).extracting(DanglingReference::documentId, DanglingReference::key)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("outside", "articles/lost.jpg"),
					org.assertj.core.groups.Tuple.tuple("live-g", "galleries/missing.jpg"),
					org.assertj.core.groups.Tuple.tuple("gone-g", "galleries/gone.jpg"));
		assertThat(dangling.get(0)).satisfies(reference -> {
			assertThat(reference.contentType()).isEqualTo("article");
			assertThat(reference.field()).isEqualTo("image_gallery");
			assertThat(reference.url()).isEqualTo(cdnUrl("articles/lost.jpg"));
			assertThat(reference.live()).isTrue();
		});
		assertThat(dangling.get(2).live()).isFalse();
		assertThat(this.plans.get(planId).danglingReferences()).isEqualTo(3);
		assertThat(this.s3.keys()).containsExactly("galleries/present.jpg");
		assertThat(count("galleries")).isEqualTo(3);
	}

	@Test
	void nothingIsDeletedByAPlan() {
		this.s3.put("galleries/a.jpg", "articles/b.jpg");
		long planId = plan();
		assertThat(candidates(planId)).hasSize(2);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/a.jpg", "articles/b.jpg");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(Set.copyOf(this.plans.recent(5)).size()).isEqualTo(1);
	}

}
