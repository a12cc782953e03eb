package io.mediapurge.operations.cli;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.launch.OperationRefusedException;
import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.support.PurgeIntegrationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * {@code java -jar media-purge.jar [arguments]}: the process's exit code for each outcome
 * a scheduler must tell apart. Each case starts the whole application in-process.
 */
class OneShotRunIntegrationTests extends PurgeIntegrationTestSupport {

	@Autowired
	JobRepository jobRepository;

	@Test
	void aCleanRunExitsZeroAndPurges() {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		int exitCode = MediaPurgeApplication.run(arguments());

		assertThat(exitCode).isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(countAll()).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aRunWithSkippedDocumentsExitsThree() {
		insert("galleries", due(new org.bson.Document("gallery_id", "broken").append("images", "not-a-list")));

		assertThat(MediaPurgeApplication.run(arguments())).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES.code());
	}

	@Test
	void aFailedRunExitsFive() {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "InvalidAccessKeyId");

		assertThat(MediaPurgeApplication.run(arguments())).isEqualTo(ExitCodes.FAILED.code());
		assertThat(count("galleries")).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dryrun=true", "dryRun=yes", "contentTypes=gallery,podcast", "--media-purge.chunk-size=0",
			"--media-purge.s3.bucket=Not_A_Bucket", "--media-purge.catalogue.location=file:does-not-exist/*.yaml",
			"--media-purge.s3.delete.max-keys-per-request=5000" })
	void aConfigurationMistakeExitsTwoAndDeletesNothing(String mistake) {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		int exitCode = MediaPurgeApplication.run(arguments(mistake));

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/g1/1.jpg");
	}

	@Test
	void aLaunchWhileAnotherProcessHoldsTheLeaseIsRefused(@Autowired JobLease lease) {
		this.s3.put("galleries/g1/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"))));
		try (HeldLease held = lease.acquire("test")) {
			assertThatExceptionOfType(OperationRefusedException.class)
				.isThrownBy(() -> this.launcher.run(false, Set.of()))
				.withMessageContaining(held.holder());
			assertThat(count("galleries")).isEqualTo(1);
			assertThat(this.s3.keys()).containsExactly("galleries/g1/1.jpg");
		}
	}

	/**
	 * The application's arguments on the test servers, with a job repository of its own.
	 */
	private String[] arguments(String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
				"--spring.datasource.url=jdbc:h2:mem:one-shot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.s3.endpoint=" + this.s3.endpoint(),
				"--media-purge.s3.path-style=true", "--spring.main.web-application-type=none"));
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

}
