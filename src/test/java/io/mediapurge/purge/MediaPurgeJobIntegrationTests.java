package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The purge job end to end, over an in-process MongoDB wire-protocol server, an
 * in-process S3 API server and an H2 job repository.
 */
class MediaPurgeJobIntegrationTests extends PurgeIntegrationTestSupport {

	@Test
	void purgesDueDocumentsOfAllFourContentTypesWithTheirImages() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "articles/a1/lead.jpg", "articles/a1/inline-1.jpg",
				"articles/a1/inline-2.jpg", "releases/t1/poster.jpg", "releases/t1/banner.jpg",
				"releases/o1/poster.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/2.jpg"))));
		insert("articles", due(article("a1", cdnUrl("articles/a1/lead.jpg"),
				List.of(s3Url("articles/a1/inline-1.jpg"), new Document("url", cdnUrl("articles/a1/inline-2.jpg"))))));
		insert("theater_releases",
				due(theaterRelease("t1", cdnUrl("releases/t1/poster.jpg"), cdnUrl("releases/t1/banner.jpg"))));
		insert("ott_releases", due(ottRelease("o1", s3Url("releases/o1/poster.jpg"))));

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(count("galleries") + count("articles") + count("theater_releases") + count("ott_releases")).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(summary(execution, "article").imagesDeleted()).isEqualTo(3);
		assertThat(summary(execution, "gallery").documentsPurged()).isEqualTo(1);
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrder("galleries/g1/1.jpg", "galleries/g1/2.jpg",
				"articles/a1/lead.jpg", "articles/a1/inline-1.jpg", "articles/a1/inline-2.jpg",
				"releases/t1/poster.jpg", "releases/t1/banner.jpg", "releases/o1/poster.jpg");
	}

	@Test
	void leavesLiveAndInGraceDocumentsSharedImagesAndExternalUrlsAlone() {
		this.s3.put("galleries/g1/own.jpg", "galleries/g1/shared-live.jpg", "galleries/g1/shared-grace.jpg",
				"galleries/live/only.jpg", "galleries/decoy.jpg", "articles/grace/lead.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/own.jpg"), s3Url("galleries/g1/shared-live.jpg"),
				cdnUrl("galleries/g1/shared-grace.jpg"), "https://images.other.example/media/galleries/decoy.jpg")));
		insert("galleries", gallery("live", cdnUrl("galleries/live/only.jpg")));
		// a live article shows a gallery image through the CDN, the gallery used the S3
		// URL
		insert("articles", article("live-article", cdnUrl("galleries/g1/shared-live.jpg"), List.of()));
		// soft-deleted an hour ago: still in its grace period, and may yet be restored
		insert("articles", flagged(
				article("grace", s3Url("articles/grace/lead.jpg"), List.of(s3Url("galleries/g1/shared-grace.jpg"))),
				Duration.ofHours(1)));

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(count("articles")).isEqualTo(2);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1/shared-live.jpg",
				"galleries/g1/shared-grace.jpg", "galleries/live/only.jpg", "galleries/decoy.jpg",
				"articles/grace/lead.jpg");
		PurgeSummary gallery = summary(execution, "gallery");
		assertThat(gallery.documentsPurged()).isEqualTo(1);
		assertThat(gallery.imagesDeleted()).isEqualTo(1);
		assertThat(gallery.imagesShared()).isEqualTo(2);
		assertThat(gallery.imagesExternal()).isEqualTo(1);
		assertThat(this.s3.faults().deleteRequests())
			.allSatisfy(keys -> assertThat(keys).containsExactly("galleries/g1/own.jpg"));
	}

	@Test
	void neverSendsHostileOrForeignUrlsToS3AndBlocksDocumentsWithSuspiciousOnes() {
		this.s3.put("galleries/secret.jpg", "galleries/g1/1.jpg", "galleries/g2/1.jpg", "galleries/g2/x.jpg");
		String endpoint = this.s3.endpoint().toString();
		List<String> hostile = List.of(cdnUrl("galleries/g1/../secret.jpg"), cdnUrl("galleries/%2e%2e/secret.jpg"),
				cdnUrl("galleries/g1%2F..%2Fsecret.jpg"), cdnUrl("galleries/secret.jpg?versionId=abc"),
				cdnUrl("galleries/secret.jpg#x"), "https://attacker@cdn.example.com/media/galleries/secret.jpg",
				"https://cdn.example.com:8443/media/galleries/secret.jpg", cdnUrl("galleries//secret.jpg"),
				cdnUrl("galleries\\secret.jpg"), cdnUrl("galleries/%252e%252e/secret.jpg"),
				// the endpoint is not AWS: a bucket of our name on AWS may be ours before
				// a migration
				"https://media.s3.amazonaws.com/galleries/secret.jpg");
		int i = 0;
		for (String url : hostile) {
			insert("galleries", due(gallery("hostile-" + i++, url)));
		}
		List<String> foreign = List.of("https://cdn.example.com.evil.net/media/galleries/secret.jpg",
				"https://cdn.example.com/other/galleries/secret.jpg", endpoint + "/other-bucket/galleries/secret.jpg",
				"https://other.s3.amazonaws.com/galleries/secret.jpg", "/media/galleries/secret.jpg");
		insert("galleries", due(gallery("foreign", foreign.toArray(String[]::new))));
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(keysSentToS3()).containsExactly("galleries/g1/1.jpg");
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/secret.jpg", "galleries/g2/1.jpg",
				"galleries/g2/x.jpg");
		assertThat(storedGallery("foreign")).isNull();
		assertThat(storedGallery("g1")).isNull();
		for (int n = 0; n < hostile.size(); n++) {
			Document blocked = storedGallery("hostile-" + n);
			assertThat(blocked).as(hostile.get(n)).isNotNull();
			assertThat(blocked.getInteger("purge_attempts")).isEqualTo(1);
			assertThat(blocked.getString("purge_last_error")).contains("refused");
		}
		PurgeSummary summary = summary(execution, "gallery");
		assertThat(summary.documentsBlocked()).isEqualTo(hostile.size());
		// of other hosts: a look-alike host, another CDN path, a site-relative URL; the
		// other two name another bucket on the endpoint and on Amazon S3
		assertThat(summary.imagesExternal()).isEqualTo(3);
		assertThat(summary.imagesOtherBucket()).isEqualTo(2);
		assertThat(events(execution)).hasSize(hostile.size())
			.allSatisfy(event -> assertThat(event).containsEntry("EVENT", "BLOCKED"));
	}

	@Test
	void skipsMalformedDocumentsWithTheirReasonAndPurgesTheRest() {
		this.s3.put("articles/ok.jpg", "articles/bad.jpg");
		insert("galleries",
				due(new Document("gallery_id", "not-an-array").append("images", cdnUrl("articles/bad.jpg"))));
		insert("articles", due(article("number", cdnUrl("articles/bad.jpg"), List.of(42))));
		insert("articles",
				new Document("article_id", "no-date").append("is_deleted", true)
					.append("deleted_at", "yesterday")
					.append("image", cdnUrl("articles/bad.jpg")));
		insert("articles", due(article("ok", cdnUrl("articles/ok.jpg"), null)));

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(this.s3.keys()).containsExactly("articles/bad.jpg");
		assertThat(count("articles")).isEqualTo(2);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(summary(execution, "article").skipReasons()).containsOnlyKeys("wrong-type", "deleted-at-not-a-date");
		assertThat(summary(execution, "gallery").skipReasons()).containsOnlyKeys("not-an-array");
		assertThat(execution.getStepExecutions()).filteredOn(step -> step.getStepName().equals("purge-article"))
			.singleElement()
			.satisfies(step -> assertThat(step.getProcessSkipCount()).isEqualTo(2));
		assertThat(events(execution)).extracting(event -> event.get("DOCUMENT_ID") + ":" + event.get("EVENT"))
			.containsExactlyInAnyOrder("number:SKIPPED", "no-date:SKIPPED", "not-an-array:SKIPPED");
	}

	@Test
	void dryRunReportsWhatWouldBeDeletedAndChangesNothing() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/2.jpg"))));
		Document before = storedGallery("g1");

		JobExecution execution = this.launcher.run(true, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1/1.jpg", "galleries/g1/2.jpg");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(storedGallery("g1")).isEqualTo(before);
		assertThat(summary(execution, "gallery").imagesDeleted()).isEqualTo(2);
		assertThat(summary(execution, "gallery").documentsPurged()).isEqualTo(1);
		assertThat(auditedKeys(execution)).isEmpty();
		assertThat(execution.getJobParameters().getString("dryRun")).isEqualTo("true");
	}

	@Test
	void runsTwiceInARowOnTheSameRepositoryAsTwoInstances() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		JobExecution first = this.launcher.run(false, Set.of());
		insert("galleries", due(gallery("g2", s3Url("galleries/g2/1.jpg"))));
		JobExecution second = this.launcher.run(false, Set.of());

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getId()).isNotEqualTo(first.getJobInstance().getId());
		assertThat(auditedKeys(first)).containsExactly("galleries/g1/1.jpg");
		assertThat(auditedKeys(second)).containsExactly("galleries/g2/1.jpg");
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aKeySharedByTwoDueDocumentsIsDeletedOnlyWithTheLastOfThem() {
		this.s3.put("shared/hero.jpg");
		// chunk size is 100, so these land in different steps: the article first, then
		// the gallery
		insert("articles", due(article("a1", cdnUrl("shared/hero.jpg"), List.of())));
		insert("galleries", due(gallery("g1", s3Url("shared/hero.jpg"))));

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(summary(execution, "article").imagesShared()).isEqualTo(1);
		assertThat(summary(execution, "gallery").imagesDeleted()).isEqualTo(1);
		assertThat(countAll()).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(auditedKeys(execution)).containsExactly("shared/hero.jpg");
	}

}
