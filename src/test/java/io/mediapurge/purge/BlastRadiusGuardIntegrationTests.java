package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.metrics.PurgeMetrics;
import io.mediapurge.support.PurgeIntegrationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * The blast-radius guard with its defaults (min-documents 1000, max-documents 50000,
 * max-share 0.25): small installations never trip it, a mass flag does and deletes
 * nothing, a confirmation with the right count proceeds and any other count refuses.
 */
class BlastRadiusGuardIntegrationTests extends PurgeIntegrationTestSupport {

	static final int IMAGES = 10;

	@Autowired
	MeterRegistry meters;

	@Test
	void belowTheMinimumCountItNeverTripsEvenWhenEverythingIsFlagged() {
		Set<String> keys = seed(999, 0);

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isZero();
		assertThat(this.s3.keys()).doesNotContainAnyElementsOf(keys);
	}

	@Test
	void atTheMinimumCountAndExactlyTheMaximumShareItDoesNotTrip() {
		seed(1000, 3000);

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(3000);
	}

	@Test
	void aMassFlagTripsItBeforeTheFirstStepAndNothingIsDeleted() {
		Set<String> keys = seed(1200, 100);
		double tripsBefore = trips();

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("GUARD_TRIPPED");
		assertThat(execution.getExitStatus().getExitDescription())
			.startsWith("Blast-radius guard tripped: this run would purge 1200 documents (article: none, "
					+ "gallery: 1200 of 1300 (92.3%), ott-release: none, theater-release: none)")
			.contains("more than media-purge.guard.max-share=0.25 of [gallery]", "Nothing was deleted",
					"launch again with confirmDeleteCount=1200");
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.GUARD_TRIPPED);
		assertThat(execution.getStepExecutions()).isEmpty();
		assertThat(count("galleries")).isEqualTo(1300);
		assertThat(this.s3.keys()).containsAll(keys);
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(trips() - tripsBefore).isEqualTo(1.0);
	}

	@Test
	void aDryRunIsNeverRefused() {
		seed(1200, 100);

		JobExecution execution = this.launcher.run(true, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1300);
	}

	@Test
	void aConfirmationWithTheDueTotalProceeds() {
		Set<String> keys = seed(1200, 100);

		JobExecution execution = this.launcher.run(false, Set.of(), 1200L);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getJobParameters().getParameter("confirmDeleteCount").identifying()).isTrue();
		assertThat(count("galleries")).isEqualTo(100);
		assertThat(this.s3.keys()).doesNotContainAnyElementsOf(keys);
	}

	@Test
	void aConfirmationWithAnyOtherCountRefusesAndARestartRefusesAgain() {
		seed(1200, 100);

		JobExecution execution = this.launcher.run(false, Set.of(), 1201L);

		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("GUARD_TRIPPED");
		assertThat(execution.getExitStatus().getExitDescription())
			.contains("The given confirmDeleteCount=1201 does not match");
		assertThat(count("galleries")).isEqualTo(1300);
		JobExecution restarted = this.launcher.restart(execution.getId());
		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("GUARD_TRIPPED");
		assertThat(count("galleries")).isEqualTo(1300);
	}

	@Test
	void aRestartOfAConfirmedRunThatFailedMidwayGoesOnWithTheSmallerRest() {
		// 2500 due galleries, the images on galleries 1400 to 1409: S3 refuses the first
		// DeleteObjects, so the step fails after 1400 purged galleries (7 chunks of 200)
		seed(2500, 100, 1400);
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		JobExecution failed = this.launcher.run(false, Set.of(), 2500L);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitCode()).isEqualTo("FAILED");
		assertThat(count("galleries")).isEqualTo(1200);

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(100);
	}

	@Test
	void theOneShotProcessExitsSevenAndAConfirmedLaunchPurges() {
		seed(1200, 100);

		assertThat(MediaPurgeApplication.run(arguments())).isEqualTo(ExitCodes.GUARD_TRIPPED.code()).isEqualTo(7);
		assertThat(MediaPurgeApplication.run(arguments("confirmDeleteCount=1199")))
			.isEqualTo(ExitCodes.GUARD_TRIPPED.code());
		assertThat(MediaPurgeApplication.run(arguments("confirmDeleteCount=many")))
			.isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(count("galleries")).isEqualTo(1300);

		assertThat(MediaPurgeApplication.run(arguments("executions", "start", "confirmDeleteCount=1200")))
			.isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(count("galleries")).isEqualTo(100);
	}

	@Test
	void theMaximumCountTripsItWhateverTheShare() {
		seed(1200, 5000);

		assertThat(MediaPurgeApplication.run(arguments("--media-purge.guard.max-documents=1100")))
			.isEqualTo(ExitCodes.GUARD_TRIPPED.code());
		assertThat(MediaPurgeApplication.run(arguments())).isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(count("galleries")).isEqualTo(5000);
	}

	/**
	 * {@code due} due galleries ({@value #IMAGES} of them with an image each) and
	 * {@code others} live or fresh ones. Returns the due galleries' keys.
	 */
	private Set<String> seed(int due, int others) {
		return seed(due, others, 0);
	}

	private Set<String> seed(int due, int others, int firstWithImage) {
		Set<String> keys = new TreeSet<>();
		List<Document> galleries = new ArrayList<>();
		for (int i = 0; i < due; i++) {
			if (i >= firstWithImage && i < firstWithImage + IMAGES) {
				String key = "galleries/due-" + i + "/1.jpg";
				this.s3.put(key);
				keys.add(key);
				galleries.add(due(gallery("due-" + i, s3Url(key))));
			}
			else {
				galleries.add(due(gallery("due-" + i)));
			}
		}
		for (int i = 0; i < others; i++) {
			galleries.add((i % 2 == 0) ? gallery("live-" + i) : flagged(gallery("fresh-" + i), Duration.ofHours(1)));
		}
		insert("galleries", galleries.toArray(Document[]::new));
		return keys;
	}

	private double trips() {
		return this.meters.get(PurgeMetrics.GUARD_TRIPS).tag("content_type", "gallery").counter().count();
	}

	private String[] arguments(String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
				"--spring.datasource.url=jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.s3.endpoint=" + this.s3.endpoint(),
				"--media-purge.s3.path-style=true", "--media-purge.s3.public-base-urls=" + TestServers.CDN,
				"--spring.main.web-application-type=none"));
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

}
