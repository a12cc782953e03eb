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

import io.mediapurge.operations.PurgeLauncher;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

/**
 * The purge job end to end, over an in-process MongoDB wire-protocol server, an in-process S3 API
 * server and an H2 job repository.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:purge-job;DB_CLOSE_DELAY=-1")
class MediaPurgeJobIntegrationTests {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

	@Autowired
	PurgeLauncher launcher;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JdbcTemplate jdbc;

	EmbeddedS3 s3 = TestServers.s3();

	@BeforeEach
	void clean() {
		List.of("galleries", "articles", "theater_releases", "ott_releases")
			.forEach(c -> this.mongo.getCollection(c).deleteMany(new Document()));
		this.s3.clear();
		this.jdbc.update("DELETE FROM purge_deleted_image");
		this.jdbc.update("DELETE FROM purge_document_event");
	}

	@Test
	void purgesDueDocumentsOfAllFourContentTypesWithTheirImages() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "articles/a1/lead.jpg", "articles/a1/inline-1.jpg",
				"articles/a1/inline-2.jpg", "releases/t1/poster.jpg", "releases/t1/banner.jpg", "releases/o1/poster.jpg");
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
				"articles/a1/lead.jpg", "articles/a1/inline-1.jpg", "articles/a1/inline-2.jpg", "releases/t1/poster.jpg",
				"releases/t1/banner.jpg", "releases/o1/poster.jpg");
	}

	@Test
	void leavesLiveAndInGraceDocumentsSharedImagesAndExternalUrlsAlone() {
		this.s3.put("galleries/g1/own.jpg", "galleries/g1/shared-live.jpg", "galleries/g1/shared-grace.jpg",
				"galleries/live/only.jpg", "galleries/decoy.jpg", "articles/grace/lead.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/own.jpg"), s3Url("galleries/g1/shared-live.jpg"),
				cdnUrl("galleries/g1/shared-grace.jpg"), "https://images.other.example/media/galleries/decoy.jpg")));
		insert("galleries", gallery("live", cdnUrl("galleries/live/only.jpg")));
		// a live article shows a gallery image through the CDN, the gallery used the S3 URL
		insert("articles", article("live-article", cdnUrl("galleries/g1/shared-live.jpg"), List.of()));
		// soft-deleted an hour ago: still in its grace period, and may yet be restored
		insert("articles", flagged(article("grace", s3Url("articles/grace/lead.jpg"),
				List.of(s3Url("galleries/g1/shared-grace.jpg"))), Duration.ofHours(1)));

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(count("articles")).isEqualTo(2);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1/shared-live.jpg", "galleries/g1/shared-grace.jpg",
				"galleries/live/only.jpg", "galleries/decoy.jpg", "articles/grace/lead.jpg");
		PurgeSummary gallery = summary(execution, "gallery");
		assertThat(gallery.documentsPurged()).isEqualTo(1);
		assertThat(gallery.imagesDeleted()).isEqualTo(1);
		assertThat(gallery.imagesShared()).isEqualTo(2);
		assertThat(gallery.imagesExternal()).isEqualTo(1);
		assertThat(this.s3.faults().deleteRequests()).allSatisfy(keys -> assertThat(keys).containsExactly("galleries/g1/own.jpg"));
	}

	long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

	void insert(String collection, Document document) {
		this.mongo.getCollection(collection).insertOne(document);
	}

	Set<String> auditedKeys(JobExecution execution) {
		return new HashSet<>(this.jdbc.queryForList("SELECT image_key FROM purge_deleted_image WHERE job_execution_id = ?",
				String.class, execution.getId()));
	}

	@SuppressWarnings("unchecked")
	static PurgeSummary summary(JobExecution execution, String contentType) {
		StepExecution step = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals("purge-" + contentType))
			.findFirst()
			.orElseThrow();
		return PurgeSummary.fromMap((Map<String, Object>) step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY));
	}

	Query flaggedQuery() {
		return new Query(Criteria.where("is_deleted").is(true));
	}

}
