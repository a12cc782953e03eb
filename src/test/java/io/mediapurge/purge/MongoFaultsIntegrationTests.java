package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.purge.FaultFixture.Kind;
import io.mediapurge.support.TestServers;
import io.mediapurge.support.faults.MongoFaultProxy;

/**
 * MongoDB faults: the application reaches the in-process MongoDB server through a TCP
 * proxy that cuts connections on a given command. Chunks of two documents, so a run has
 * several chunks. Each scenario asserts the exact end state after the chunk's own write
 * retry or a restart: every due document purged, every image of a purged document gone,
 * nothing else touched.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:faults-mongo;DB_CLOSE_DELAY=-1",
		"media-purge.launch.run-on-startup=false", "media-purge.s3.path-style=true", "media-purge.chunk-size=2",
		"media-purge.write-retry-limit=2", "media-purge.s3.delete.initial-backoff=5ms",
		"media-purge.s3.delete.max-backoff=20ms" })
@ExtendWith(FaultFigures.class)
class MongoFaultsIntegrationTests {

	static final MongoFaultProxy proxy = start();

	static final Set<String> DUE = Set.of("g1", "g2", "g3", "g4", "g5");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> proxy.uri("cms"));
		registry.add("media-purge.s3.endpoint", () -> TestServers.s3().endpoint().toString());
		registry.add("media-purge.s3.bucket", () -> TestServers.BUCKET);
		registry.add("media-purge.s3.public-base-urls", () -> TestServers.CDN);
	}

	@Autowired
	PurgeLauncher launcher;

	@Autowired
	JdbcTemplate jdbc;

	private FaultFixture fixture;

	@BeforeEach
	void emptyStores() {
		proxy.heal();
		FaultFixture.clear();
		this.jdbc.update("DELETE FROM purge_deleted_image");
		this.jdbc.update("DELETE FROM purge_document_event");
		this.fixture = new FaultFixture();
		for (String id : new TreeSet<>(DUE)) {
			this.fixture.add(Kind.DUE, id, "galleries/" + id + "/1.jpg", "galleries/" + id + "/2.jpg");
		}
		this.fixture.add(Kind.LIVE, "live", "galleries/live/1.jpg", "galleries/g3/2.jpg")
			.add(Kind.IN_GRACE, "recent", "galleries/recent/1.jpg")
			.insert();
	}

	@AfterAll
	static void stopProxy() throws Exception {
		proxy.close();
	}

	@Test
	void aHardDeleteCutAfterTheImagesWereDeletedIsRetriedByTheChunkItself() {
		// the first chunk's hard delete never reaches the server: its images are gone
		proxy.cutOnCommand("delete", 0, 1);

		JobExecution execution = run();

		assertThat(proxy.cuts()).isEqualTo(1);
		assertCompletedWithEverythingDuePurged(execution);
		FaultFigures.scenario(proxy.cuts());
	}

	@Test
	void aClaimCutMidChunkIsRetriedByTheChunkItself() {
		// the second chunk's claim is cut
		proxy.cutOnCommand("update", 1, 1);

		JobExecution execution = run();

		assertThat(proxy.cuts()).isEqualTo(1);
		assertCompletedWithEverythingDuePurged(execution);
		FaultFigures.scenario(proxy.cuts());
	}

	@Test
	void aReadCutOnceIsRetriedByTheDriver() {
		// the reader's query (the in-process server answers it in one batch, so there is
		// no getMore to cut); the driver retries a read once
		proxy.cutOnCommand("find", 0, 1, "purge_quarantined_at");

		JobExecution execution = run();

		assertThat(proxy.cuts()).isEqualTo(1);
		assertCompletedWithEverythingDuePurged(execution);
		FaultFigures.scenario(proxy.cuts());
	}

	@Test
	void aReadCutTwiceFailsTheStepBeforeAnyChangeAndARestartFinishes() {
		proxy.cutOnCommand("find", 0, 2, "purge_quarantined_at");

		JobExecution failed = run();

		assertThat(proxy.cuts()).isEqualTo(2);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(failed).code()).isEqualTo(5);
		this.fixture.assertEndState(Set.of(), Map.of(), this.fixture.allKeys());
		assertThat(FaultFixture.galleries().countDocuments(Filters.exists("purge_claim"))).isZero();

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertCompletedWithEverythingDuePurged(restarted);
		FaultFigures.scenario(proxy.cuts());
	}

	@Test
	void anOutageDuringAHardDeleteFailsTheStepAndARestartFinishes() {
		// the second chunk (g3, g4) deletes its images, then MongoDB goes away
		proxy.outageOnCommand("delete", 1);

		JobExecution failed = run();

		assertThat(proxy.cuts()).isEqualTo(1);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(failed).code()).isEqualTo(5);
		proxy.heal();
		// g3 and g4 stay flagged and claimed, their images gone; g5 was not reached
		Set<String> gone = this.fixture.keysOf(Set.of("g1", "g2", "g3", "g4"));
		Set<String> remaining = new TreeSet<>(this.fixture.allKeys());
		remaining.removeAll(gone);
		this.fixture.assertEndState(Set.of("g1", "g2"), Map.of(), remaining);

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertThat(restarted.getJobInstance().getId()).isEqualTo(failed.getJobInstance().getId());
		assertCompletedWithEverythingDuePurged(restarted);
		FaultFigures.scenario(proxy.cuts());
	}

	private void assertCompletedWithEverythingDuePurged(JobExecution execution) {
		assertThat(execution.getStatus()).as("status").isEqualTo(BatchStatus.COMPLETED);
		assertThat(ExitCodes.of(execution)).as("exit code").isEqualTo(ExitCodes.COMPLETED);
		Set<String> remaining = new TreeSet<>(this.fixture.allKeys());
		remaining.removeAll(this.fixture.keysOf(DUE));
		this.fixture.assertEndState(DUE, Map.of(), remaining);
	}

	private JobExecution run() {
		return this.launcher.run(false, Set.of("gallery"));
	}

	private static MongoFaultProxy start() {
		URI server = URI.create(TestServers.mongo().uri("cms"));
		try {
			return new MongoFaultProxy(new InetSocketAddress(server.getHost(), server.getPort()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the MongoDB fault proxy", ex);
		}
	}

}
