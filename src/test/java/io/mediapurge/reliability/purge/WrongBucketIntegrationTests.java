package io.mediapurge.reliability.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.bson.Document;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * A misspelt {@code media-purge.s3.bucket}: the URLs of the CMS name the real bucket,
 * which the job then takes for another bucket's. The start-up check (one DeleteObjects
 * request for a key that cannot exist) fails the run before any step: nothing is
 * hard-deleted and no image is orphaned.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:wrong-bucket;DB_CLOSE_DELAY=-1")
class WrongBucketIntegrationTests extends ApplicationTestSupport {

	@DynamicPropertySource
	static void misspeltBucket(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("media-purge.s3.bucket", () -> "meida");
		registry.add("media-purge.guard.check-bucket", () -> "true");
	}

	private void insert(String collection, Document... documents) {
		this.mongo.getCollection(collection).insertMany(List.of(documents));
	}

	private long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

	@Test
	void aMisspeltBucketFailsTheRunBeforeAnyStepAndNothingIsDeleted() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))),
				due(gallery("g2", s3Url("galleries/g2/1.jpg"))));

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.FAILED);
		assertThat(execution.getStepExecutions()).isEmpty();
		assertThat(execution.getAllFailureExceptions()).singleElement()
			.satisfies(failure -> assertThat(failure.getMessage()).startsWith("The bucket 'meida' cannot be purged:")
				.contains("check media-purge.s3.bucket"));
		assertThat(count("galleries")).isEqualTo(2);
		assertThat(this.mongo.getCollection("galleries")
			.countDocuments(new Document("purge_claim", new Document("$exists", true)))).isZero();
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1/1.jpg", "galleries/g2/1.jpg");
	}

	@Test
	void aDryRunWithTheMisspeltBucketIsNotCheckedAndDeletesNothing() {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		JobExecution execution = this.launcher.run(true, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/g1/1.jpg");
	}

}
