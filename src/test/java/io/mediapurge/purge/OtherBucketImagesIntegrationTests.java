package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.operations.metrics.PurgeMetrics;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * A URL naming another bucket on an S3 host is its own category: counted as
 * {@code imagesOtherBucket}, not as external, logged with both bucket names so that an
 * operator spots a misspelt bucket, and never turned into a delete of our bucket.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtherBucketImagesIntegrationTests extends PurgeIntegrationTestSupport {

	@Autowired
	private MeterRegistry meters;

	@Test
	void aDueGalleryWithAnImageOfAnotherBucketIsPurgedAndCountsItAsOtherBucket(CapturedOutput output) {
		// given a due gallery with an image of ours and one of another bucket on Amazon
		// S3, whose key also exists in our bucket
		this.s3.put("galleries/g1/own.jpg", "galleries/g1/theirs.jpg");
		String theirs = "https://media-archive.s3.amazonaws.com/galleries/g1/theirs.jpg";
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/own.jpg"), theirs)));

		double otherBucketBefore = images("other_bucket");
		double externalBefore = images("external");

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then our image is deleted, the other bucket's key is never sent to S3, and the
		// record is purged
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(keysSentToS3()).containsExactly("galleries/g1/own.jpg");
		assertThat(this.s3.keys()).containsExactly("galleries/g1/theirs.jpg");
		assertThat(storedGallery("g1")).isNull();
		PurgeSummary summary = summary(execution, "gallery");
		assertThat(summary.documentsPurged()).isEqualTo(1);
		assertThat(summary.imagesDeleted()).isEqualTo(1);
		assertThat(summary.imagesOtherBucket()).isEqualTo(1);
		assertThat(summary.imagesExternal()).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT images_other_bucket FROM purge_step_summary WHERE job_execution_id = ? AND content_type = ?",
				Long.class, execution.getId(), "gallery"))
			.isEqualTo(1L);
		assertThat(images("other_bucket") - otherBucketBefore).isEqualTo(1.0);
		assertThat(images("external") - externalBefore).isZero();
		assertThat(output).contains("URL '" + theirs + "' names bucket 'media-archive', not 'media'");
	}

	private double images(String outcome) {
		return this.meters.get(PurgeMetrics.IMAGES)
			.tags("content_type", "gallery", "outcome", outcome, "dry_run", "false")
			.counter()
			.count();
	}

}
