package io.mediapurge.operations.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;

import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * After a run, the Prometheus scrape shows the domain counters with the run's counts,
 * tagged by content type, outcome and reason; a dry run counts under
 * {@code dry_run="true"} only; Spring Batch's own observations are exported too.
 */
class DomainMetricsIntegrationTests extends PurgeIntegrationTestSupport {

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Test
	void aRunCountsEveryOutcomePerContentTypeAndReason() {
		SampleNight.seed(this.mongo, this.s3, this.jdbc);
		PrometheusScrape before = scrape();

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		PrometheusScrape after = scrape();
		Delta delta = new Delta(before, after);
		String documents = "media_purge_documents_total";
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "purged", "dry_run", "false"))
			.isEqualTo(2);
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "blocked", "dry_run", "false"))
			.isEqualTo(2);
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "skipped", "dry_run", "false"))
			.isEqualTo(1);
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "restored", "dry_run", "false")).isZero();
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "quarantined", "dry_run", "false"))
			.isZero();
		assertThat(delta.of(documents, "content_type", "article", "outcome", "purged", "dry_run", "false"))
			.isEqualTo(1);
		assertThat(delta.of(documents, "dry_run", "true")).isZero();
		String reasons = "media_purge_document_reasons_total";
		assertThat(delta.of(reasons, "content_type", "gallery", "outcome", "skipped", "reason", "not-an-array"))
			.isEqualTo(1);
		assertThat(delta.of(reasons, "content_type", "gallery", "outcome", "blocked", "reason", "suspicious-url"))
			.isEqualTo(1);
		assertThat(delta.of(reasons, "content_type", "gallery", "outcome", "blocked", "reason", "s3-AccessDenied"))
			.isEqualTo(1);
		String images = "media_purge_images_total";
		assertThat(delta.of(images, "content_type", "gallery", "outcome", "deleted", "dry_run", "false")).isEqualTo(3);
		assertThat(delta.of(images, "content_type", "gallery", "outcome", "shared", "dry_run", "false")).isEqualTo(1);
		assertThat(delta.of(images, "content_type", "gallery", "outcome", "external", "dry_run", "false")).isEqualTo(1);
		assertThat(delta.of(images, "content_type", "gallery", "outcome", "already_absent", "dry_run", "false"))
			.isEqualTo(1);
		assertThat(delta.of(images, "content_type", "gallery", "outcome", "failed", "dry_run", "false")).isEqualTo(1);
		assertThat(delta.of(images, "content_type", "article", "outcome", "deleted", "dry_run", "false")).isEqualTo(1);
		assertThat(delta.of("media_purge_s3_requests_total", "content_type", "gallery")).isEqualTo(1);
		assertThat(delta.of("media_purge_s3_requests_total", "content_type", "article")).isEqualTo(1);
		assertThat(delta.of("media_purge_s3_request_duration_seconds_count", "outcome", "answered")).isEqualTo(2);
		assertThat(delta.of("media_purge_s3_request_duration_seconds_sum")).isPositive();
		assertThat(after.sum("media_purge_last_success_timestamp_seconds", "job_name", "mediaPurgeJob"))
			.isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
		assertThat(after.sum("media_purge_last_run_failed", "job_name", "mediaPurgeJob")).isZero();
		// Spring Batch's own observations, job and steps
		assertThat(delta.of("spring_batch_job_seconds_count", "spring_batch_job_name", "mediaPurgeJob",
				"spring_batch_job_status", "COMPLETED"))
			.isEqualTo(1);
	}

	@Test
	void aDryRunCountsOnlyUnderDryRunAndIsNoSuccess() {
		SampleNight.seed(this.mongo, this.s3, this.jdbc);
		PrometheusScrape before = scrape();

		JobExecution execution = this.launcher.run(true, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		PrometheusScrape after = scrape();
		Delta delta = new Delta(before, after);
		String documents = "media_purge_documents_total";
		assertThat(delta.of(documents, "dry_run", "false")).isZero();
		assertThat(delta.of("media_purge_images_total", "dry_run", "false")).isZero();
		assertThat(delta.of("media_purge_s3_requests_total")).isZero();
		assertThat(delta.of("media_purge_s3_request_duration_seconds_count")).isZero();
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "purged", "dry_run", "true")).isEqualTo(3);
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "blocked", "dry_run", "true"))
			.isEqualTo(1);
		assertThat(delta.of(documents, "content_type", "gallery", "outcome", "skipped", "dry_run", "true"))
			.isEqualTo(1);
		assertThat(delta.of("media_purge_images_total", "content_type", "gallery", "outcome", "deleted", "dry_run",
				"true"))
			.isEqualTo(4);
		assertThat(delta.of("media_purge_document_reasons_total", "outcome", "blocked", "reason", "suspicious-url",
				"dry_run", "true"))
			.isEqualTo(1);
		assertThat(after.sum("media_purge_last_success_timestamp_seconds"))
			.isEqualTo(before.sum("media_purge_last_success_timestamp_seconds"));
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
	}

	@Test
	void aFailedRunRaisesTheFailedGaugeUntilARunCompletes() {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		PrometheusScrape before = scrape();

		JobExecution failed = this.launcher.run(false, Set.of("gallery"));

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		PrometheusScrape after = scrape();
		assertThat(after.sum("media_purge_last_run_failed", "job_name", "mediaPurgeJob")).isEqualTo(1);
		assertThat(new Delta(before, after).of("spring_batch_job_seconds_count", "spring_batch_job_status", "FAILED"))
			.isEqualTo(1);
		// a run of some content types only is no proof that the night's purge ran
		assertThat(after.sum("media_purge_last_success_timestamp_seconds"))
			.isEqualTo(before.sum("media_purge_last_success_timestamp_seconds"));

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(scrape().sum("media_purge_last_run_failed", "job_name", "mediaPurgeJob")).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	private PrometheusScrape scrape() {
		return new PrometheusScrape(this.prometheus.scrape());
	}

	private record Delta(PrometheusScrape before, PrometheusScrape after) {

		double of(String name, String... labels) {
			return this.after.sum(name, labels) - this.before.sum(name, labels);
		}

	}

}
