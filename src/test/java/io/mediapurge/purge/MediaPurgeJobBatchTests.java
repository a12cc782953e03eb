package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * The purge job the Spring Batch way: launched with {@link JobOperatorTestUtils} (no
 * lease, no command line), with Spring Batch's own step counters asserted beside the
 * job's run summary, so the two can never tell different stories.
 */
@SpringBatchTest
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:purge-job-batch;DB_CLOSE_DELAY=-1")
class MediaPurgeJobBatchTests extends ApplicationTestSupport {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	/**
	 * The application has two jobs (the purge and the orphan sweep): this one is tested.
	 */
	@Autowired
	Job mediaPurgeJob;

	@BeforeEach
	@AfterEach
	void clearJobHistory() {
		this.jobOperatorTestUtils.setJob(this.mediaPurgeJob);
		this.jobRepositoryTestUtils.removeJobExecutions();
		this.s3.faults().denyKeys(Set.of());
	}

	@Test
	void stepCountersAndTheRunSummaryAgreeOnReadsSkipsAndWrites() throws Exception {
		// given: three galleries to purge, one malformed, one whose image S3 refuses, one
		// live; one article, not asked for
		this.s3.put("galleries/a/1.jpg", "galleries/b/1.jpg", "galleries/b/2.jpg", "galleries/c/1.jpg",
				"galleries/held/1.jpg", "galleries/live/1.jpg", "articles/x.jpg");
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("a", s3Url("galleries/a/1.jpg"))),
					due(gallery("b", cdnUrl("galleries/b/1.jpg"), cdnUrl("galleries/b/2.jpg"))),
					due(gallery("c", cdnUrl("galleries/c/1.jpg"))),
					due(new Document("gallery_id", "bad").append("images", cdnUrl("galleries/bad.jpg"))),
					due(gallery("held", cdnUrl("galleries/held/1.jpg"))),
					gallery("live", cdnUrl("galleries/live/1.jpg"))));
		this.mongo.getCollection("articles").insertOne(due(article("x", cdnUrl("articles/x.jpg"), List.of())));
		this.s3.faults().denyKeys(Set.of("galleries/held/1.jpg"));

		// when
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(new MediaPurgeJobParameters(Instant.now(), Duration.ofHours(24), false, Set.of("gallery"))
				.toJobParameters());

		// then: Spring Batch's counters
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		Map<String, StepExecution> steps = steps(execution);
		StepExecution galleries = steps.get("purge-gallery");
		assertThat(galleries.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(galleries.getReadCount()).isEqualTo(5);
		assertThat(galleries.getProcessSkipCount()).isEqualTo(1);
		assertThat(galleries.getWriteSkipCount()).isZero();
		assertThat(galleries.getFilterCount()).isZero();
		assertThat(galleries.getWriteCount()).isEqualTo(4);
		assertThat(galleries.getCommitCount()).isPositive();
		assertThat(galleries.getRollbackCount()).isZero();
		// ... and the job's summary of the same step
		PurgeSummary summary = summary(galleries);
		assertThat(summary.documentsRead()).isEqualTo(galleries.getReadCount());
		assertThat(summary.documentsSkipped()).isEqualTo(galleries.getSkipCount());
		assertThat(summary.documentsPurged() + summary.documentsBlocked()).isEqualTo(galleries.getWriteCount());
		assertThat(summary.documentsPurged()).isEqualTo(3);
		assertThat(summary.documentsBlocked()).isEqualTo(1);
		assertThat(summary.imagesDeleted()).isEqualTo(4);
		assertThat(summary.imagesFailed()).isEqualTo(1);
		assertThat(summary.skipReasons()).containsExactly(Map.entry("not-an-array", 1L));
		// the article was not asked for: its step reads nothing
		StepExecution articles = steps.get("purge-article");
		assertThat(articles.getReadCount()).isZero();
		assertThat(articles.getWriteCount()).isZero();
		assertThat(summary(articles).documentsRead()).isZero();
		// the side effects the counters stand for
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/held/1.jpg", "galleries/live/1.jpg",
				"articles/x.jpg");
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isEqualTo(3);
		assertThat(this.mongo.getCollection("articles").countDocuments()).isEqualTo(1);
	}

	/**
	 * The steps by name. (A helper returning one StepExecution would be taken by
	 * {@code @SpringBatchTest} for the step scope's factory method.)
	 */
	private static Map<String, StepExecution> steps(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.collect(Collectors.toMap(StepExecution::getStepName, Function.identity()));
	}

	@SuppressWarnings("unchecked")
	private static PurgeSummary summary(StepExecution step) {
		return PurgeSummary.fromMap((Map<String, Object>) step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY));
	}

}
