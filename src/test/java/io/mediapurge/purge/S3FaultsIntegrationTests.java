package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.http.Fault;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.purge.FaultFixture.Blocked;
import io.mediapurge.purge.FaultFixture.Kind;
import io.mediapurge.support.TestServers;
import io.mediapurge.support.faults.S3FaultProxy;

/**
 * S3 faults at the HTTP layer: the job's S3 client talks to a WireMock proxy in front of
 * the in-process S3 server, which answers DeleteObjects with the fault under test. Each
 * scenario asserts the exact end state of MongoDB and of the bucket, the number of
 * DeleteObjects requests, and the run's status and exit code. An unknown outcome never
 * leads to a hard delete.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:faults-s3;DB_CLOSE_DELAY=-1",
		"media-purge.launch.run-on-startup=false", "media-purge.s3.path-style=true",
		"media-purge.s3.delete.max-attempts=" + S3FaultsIntegrationTests.ATTEMPTS,
		"media-purge.s3.delete.initial-backoff=5ms", "media-purge.s3.delete.max-backoff=20ms",
		"media-purge.s3.delete.attempt-timeout=1s" })
@ExtendWith(FaultFigures.class)
class S3FaultsIntegrationTests {

	static final int ATTEMPTS = 5;

	static final S3FaultProxy proxy = new S3FaultProxy(TestServers.s3().endpoint(), TestServers.BUCKET);

	static final Set<String> PURGED = Set.of("g1", "g2");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongo().uri("cms"));
		registry.add("media-purge.s3.endpoint", () -> proxy.endpoint().toString());
		registry.add("media-purge.s3.bucket", () -> TestServers.BUCKET);
		registry.add("media-purge.s3.public-base-urls", () -> TestServers.CDN);
		// the faults here are those of a run's deletes: the start-up check would meet
		// them
		// first and its request would add to the counts
		registry.add("media-purge.guard.check-bucket", () -> "false");
	}

	@Autowired
	PurgeLauncher launcher;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyStores() {
		proxy.reset();
		FaultFixture.clear();
		this.jdbc.update("DELETE FROM purge_deleted_image");
		this.jdbc.update("DELETE FROM purge_document_event");
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@ParameterizedTest(name = "{0}, twice, then success")
	@MethodSource("io.mediapurge.purge.S3Faults#all")
	void aTransientFaultIsRetriedAndThenEverythingDueIsPurged(S3Faults fault) {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failInSequence(List.of(fault.response().apply(proxy), fault.response().apply(proxy)));

		JobExecution execution = run();

		assertOutcome(execution, ExitCodes.COMPLETED);
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		assertThat(proxy.deleteRequests()).isEqualTo(3);
		scenario(2);
	}

	@ParameterizedTest(name = "{0}, every time")
	@MethodSource("io.mediapurge.purge.S3Faults#all")
	void aFaultThatOutlastsTheRetriesFailsTheStepWithoutCountingAnAttemptAndARestartFinishes(S3Faults fault) {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failAlways(fault.response().apply(proxy));

		JobExecution failed = run();

		// S3 gave no answer about any key: an outage, not a fault of the documents
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(failed)).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("S3 did not answer DeleteObjects")
			.contains(fault.reason());
		// the answer was lost, so the job cannot know: nothing is hard-deleted, and no
		// document is blocked or counts an attempt
		fixture.assertEndState(Set.of(), Map.of(),
				fault.reallyDeletes() ? remainingAfterPurging(fixture, PURGED) : fixture.allKeys());
		// every request was answered by the fault
		assertThat(proxy.deleteRequests()).isEqualTo(ATTEMPTS);

		proxy.reset();
		JobExecution restarted = this.launcher.restart(failed.getId());

		assertOutcome(restarted, ExitCodes.COMPLETED);
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		assertThat(proxy.deleteRequests()).isEqualTo(1);
		scenario(ATTEMPTS);
	}

	@Test
	void aThrottlingBurstIsRiddenOutWithBackoff() {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failInSequence(Collections.nCopies(ATTEMPTS - 1, S3Faults.error(503, "SlowDown")));

		JobExecution execution = run();

		assertOutcome(execution, ExitCodes.COMPLETED);
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		assertThat(proxy.deleteRequests()).isEqualTo(ATTEMPTS);
		scenario(ATTEMPTS - 1);
	}

	/**
	 * A body whose chunked transfer coding breaks makes the SDK's XML unmarshaller throw
	 * {@link java.io.UncheckedIOException} (not an {@code SdkClientException}); it is an
	 * unknown outcome like any unreadable answer, so the keys are retried.
	 */
	@Test
	void aMalformedChunkedAnswerIsRetriedLikeAnyUnreadableAnswer() {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failInSequence(List.of(S3Faults.fault(Fault.MALFORMED_RESPONSE_CHUNK),
				S3Faults.fault(Fault.MALFORMED_RESPONSE_CHUNK)));

		JobExecution execution = run();

		assertOutcome(execution, ExitCodes.COMPLETED);
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		assertThat(proxy.deleteRequests()).isEqualTo(3);
	}

	/**
	 * What holds today, and after the fix too: a malformed chunked answer never leads to
	 * a hard delete, and the next run (or the restart of a failed one) finishes.
	 */
	@Test
	void aMalformedChunkedAnswerNeverLeadsToAHardDelete() {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failAlways(S3Faults.fault(Fault.MALFORMED_RESPONSE_CHUNK));

		JobExecution first = run();

		fixture.assertNothingLost();
		assertThat(FaultFixture.galleries().countDocuments()).isEqualTo(4);
		assertThat(TestServers.s3().keys()).containsExactlyElementsOf(fixture.allKeys());
		// every request was answered by the fault: 1 today (the step fails), 5 once fixed
		int faults = proxy.deleteRequests();

		proxy.reset();
		JobExecution second = (first.getStatus() == BatchStatus.FAILED) ? this.launcher.restart(first.getId()) : run();

		assertOutcome(second, ExitCodes.COMPLETED);
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		scenario(faults);
	}

	@Test
	void perKeyErrorsInA200AnswerRetryTransientKeysAndBlockOnlyTheDeniedDocument() {
		FaultFixture fixture = new FaultFixture().add(Kind.DUE, "g1", "galleries/g1/denied.jpg", "galleries/g1/2.jpg")
			.add(Kind.DUE, "g2", "galleries/g2/internal.jpg")
			.add(Kind.DUE, "g3", "galleries/g3/slow.jpg")
			.add(Kind.DUE, "g4", "galleries/g4/unreported.jpg")
			.add(Kind.LIVE, "live", "galleries/live/own.jpg")
			.insert();
		// the first answer names three keys as failed and is silent about the others
		proxy.failInSequence(List.of(S3Faults.perKeyErrors(List.of("galleries/g1/denied.jpg", "AccessDenied",
				"galleries/g2/internal.jpg", "InternalError", "galleries/g3/slow.jpg", "SlowDown"))));

		JobExecution first = run();

		assertOutcome(first, ExitCodes.COMPLETED_WITH_ISSUES);
		fixture.assertEndState(Set.of("g2", "g3", "g4"), Map.of("g1", new Blocked(1, "AccessDenied")),
				Set.of("galleries/g1/denied.jpg", "galleries/live/own.jpg"));
		// AccessDenied is final; the others go again in one request
		assertThat(proxy.deleteRequests()).isEqualTo(2);

		JobExecution second = run();

		assertOutcome(second, ExitCodes.COMPLETED);
		fixture.assertEndState(Set.of("g1", "g2", "g3", "g4"), Map.of(), Set.of("galleries/live/own.jpg"));
		assertThat(proxy.deleteRequests()).isEqualTo(3);
		scenario(3);
	}

	@Test
	void perKeyTransientErrorsThatNeverPassBlockTheDocuments() {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failAlways(S3Faults.perKeyErrors(List.of("galleries/g1/1.jpg", "SlowDown", "galleries/g1/2.jpg",
				"SlowDown", "galleries/g2/1.jpg", "InternalError")));

		JobExecution execution = run();

		assertOutcome(execution, ExitCodes.COMPLETED_WITH_ISSUES);
		fixture.assertEndState(Set.of(),
				Map.of("g1", new Blocked(1, "SlowDown"), "g2",
						new Blocked(1, "no success after " + ATTEMPTS + " attempts: InternalError")),
				fixture.allKeys());
		assertThat(proxy.deleteRequests()).isEqualTo(ATTEMPTS);
		scenario(ATTEMPTS * 3);
	}

	@Test
	void aWholeRequest403FailsTheRunAtOnceAndARestartFinishes() {
		FaultFixture fixture = FaultFixture.standard().insert();
		proxy.failAlways(S3Faults.error(403, "InvalidAccessKeyId"));

		JobExecution failed = run();

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(failed).code()).isEqualTo(5);
		assertThat(failed.getExitStatus().getExitDescription()).contains("S3 refused DeleteObjects")
			.contains("403 InvalidAccessKeyId");
		fixture.assertEndState(Set.of(), Map.of(), fixture.allKeys());
		// not retried: one request, then the step fails
		assertThat(proxy.deleteRequests()).isEqualTo(1);

		proxy.reset();
		JobExecution restarted = this.launcher.restart(failed.getId());

		assertOutcome(restarted, ExitCodes.COMPLETED);
		assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
		fixture.assertEndState(PURGED, Map.of(), remainingAfterPurging(fixture, PURGED));
		assertThat(proxy.deleteRequests()).isEqualTo(1);
		scenario(1);
	}

	private JobExecution run() {
		return this.launcher.run(false, Set.of("gallery"));
	}

	private static void assertOutcome(JobExecution execution, ExitCodes expected) {
		assertThat(execution.getStatus()).as("status").isEqualTo(BatchStatus.COMPLETED);
		assertThat(ExitCodes.of(execution)).as("exit code").isEqualTo(expected);
	}

	private static Set<String> remainingAfterPurging(FaultFixture fixture, Set<String> purged) {
		Set<String> keys = new TreeSet<>(fixture.allKeys());
		keys.removeAll(fixture.keysOf(purged));
		return keys;
	}

	private static void scenario(int faults) {
		FaultFigures.scenario(faults);
	}

}
