package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The job under S3 faults injected by the in-process S3 server: what is retried, which
 * documents end purged, which stay flagged with which reason, and the run's status.
 */
class PurgeFaultsIntegrationTests extends PurgeIntegrationTestSupport {

	@Autowired
	JobOperator jobOperator;

	@Test
	void aKeyDeniedByS3BlocksOnlyItsDocumentWhichCannotBeRestoredAndIsRetriedNextRun() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/held.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/held.jpg"))),
				due(gallery("g2", s3Url("galleries/g2/1.jpg"))));
		this.s3.faults().denyKeys(Set.of("galleries/g1/held.jpg"));

		JobExecution first = this.launcher.run(false, Set.of("gallery"));

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(first.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(storedGallery("g2")).isNull();
		Document blocked = storedGallery("g1");
		assertThat(blocked.getBoolean("is_deleted")).isTrue();
		assertThat(blocked.getInteger("purge_attempts")).isEqualTo(1);
		assertThat(blocked.getString("purge_last_error")).contains("AccessDenied");
		assertThat(blocked.get("purge_claimed_at")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/g1/held.jpg");
		assertThat(auditedKeys(first)).containsExactlyInAnyOrder("galleries/g1/1.jpg", "galleries/g2/1.jpg");
		assertThat(events(first)).singleElement().satisfies(event -> {
			assertThat(event).containsEntry("EVENT", "BLOCKED").containsEntry("DOCUMENT_ID", "g1");
			assertThat(event).containsEntry("IMAGE_KEY", "galleries/g1/held.jpg")
				.containsEntry("REASON_CODE", "s3-AccessDenied");
		});
		// AccessDenied is not retried: one request for the chunk
		assertThat(this.s3.faults().deleteRequests()).hasSize(1);

		// the CMS's restore, as the README's contract writes it, cannot take a claimed
		// document back
		long restored = this.mongo.getCollection("galleries")
			.updateOne(Filters.and(Filters.eq("gallery_id", "g1"), Filters.eq("is_deleted", true),
					Filters.exists("purge_claimed_at", false)), Updates.set("is_deleted", false))
			.getModifiedCount();
		assertThat(restored).isZero();

		this.s3.faults().denyKeys(Set.of());
		JobExecution second = this.launcher.run(false, Set.of("gallery"));

		assertThat(second.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(countAll()).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(summary(second, "gallery").imagesAlreadyAbsent()).isEqualTo(1);
	}

	@Test
	void aDocumentBlockedTooOftenIsQuarantinedAndThenLeftAlone() {
		this.s3.put("galleries/g1/held.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/held.jpg"))).append("purge_attempts", 4));
		this.s3.faults().denyKeys(Set.of("galleries/g1/held.jpg"));

		JobExecution first = this.launcher.run(false, Set.of("gallery"));
		JobExecution second = this.launcher.run(false, Set.of("gallery"));

		assertThat(storedGallery("g1").get("purge_quarantined_at")).isNotNull();
		assertThat(events(first)).extracting(event -> event.get("EVENT")).containsExactly("QUARANTINED");
		assertThat(second.getStepExecutions()).filteredOn(step -> step.getStepName().equals("purge-gallery"))
			.singleElement()
			.satisfies(step -> assertThat(step.getReadCount()).isZero());
		assertThat(second.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(summary(second, "gallery").documentsQuarantined()).isEqualTo(1);
		assertThat(this.s3.faults().deleteRequests()).hasSize(1);
	}

	@Test
	void throttledAndFailingRequestsAreRetriedWithBackoffUntilTheyPass() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), s3Url("galleries/g1/2.jpg"))),
				due(gallery("g2", s3Url("galleries/g2/1.jpg"))));
		this.s3.faults().failNextRequests(2, 503, "SlowDown");

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(countAll()).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(this.s3.faults().deleteRequests()).hasSize(3);
		assertThat(summary(execution, "gallery").s3Requests()).isEqualTo(3);
	}

	@Test
	void perKeyTransientErrorsAreRetriedForThoseKeysOnly() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), s3Url("galleries/g1/2.jpg"))),
				due(gallery("g2", s3Url("galleries/g2/1.jpg"))));
		this.s3.faults().slowDownKeys(Set.of("galleries/g1/2.jpg"), 2);

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(this.s3.keys()).isEmpty();
		assertThat(countAll()).isZero();
		List<List<String>> requests = this.s3.faults().deleteRequests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(0)).hasSize(3);
		assertThat(requests.get(1)).containsExactly("galleries/g1/2.jpg");
		assertThat(requests.get(2)).containsExactly("galleries/g1/2.jpg");
	}

	@Test
	void wholeRequestFailuresThatOutlastTheRetriesFailTheStepWithoutCountingAnAttempt() {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));
		this.s3.faults().failNextRequests(100, 500, "InternalError");

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// S3 is down, which is no document's fault: the step fails, restartable
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.FAILED);
		assertThat(this.s3.faults().deleteRequests()).hasSize(5);
		assertThat(storedGallery("g1")).doesNotContainKeys("purge_attempts", "purge_last_error",
				"purge_quarantined_at");
		assertThat(storedGallery("g1").get("purge_claimed_at")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/g1/1.jpg");
		assertThat(events(execution)).isEmpty();
	}

	@Test
	void aRequestS3RefusesOutrightFailsTheStepAndARestartFinishesWithNothingLeftBehind() throws Exception {
		this.s3.put("galleries/g1/1.jpg", "releases/o1/poster.jpg", "galleries/live.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))),
				gallery("live", cdnUrl("galleries/live.jpg")));
		insert("ott_releases", due(ottRelease("o1", cdnUrl("releases/o1/poster.jpg"))));
		// the gallery step sends the first request: wrong credentials, say
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");

		JobExecution failed = this.launcher.run(false, Set.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("purge-gallery")
			.contains("S3 refused DeleteObjects");
		assertThat(this.s3.faults().deleteRequests()).hasSize(2);
		assertThat(storedGallery("g1")).isNotNull();
		assertThat(count("ott_releases")).isZero();
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1/1.jpg", "galleries/live.jpg");

		JobExecution restarted = this.jobOperator.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
		// the failed step again, then the last step, which had not run
		assertThat(restarted.getStepExecutions()).extracting(step -> step.getStepName())
			.containsExactly("purge-gallery", SharedImagesTasklet.STEP_NAME);
		assertThat(storedGallery("g1")).isNull();
		assertThat(storedGallery("live")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/live.jpg");
	}

}
