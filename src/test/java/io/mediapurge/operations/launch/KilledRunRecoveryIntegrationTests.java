package io.mediapurge.operations.launch;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.operations.lease.LeaseUnavailableException;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.SlowS3;
import io.mediapurge.support.TestServers;

/**
 * A run killed with SIGKILL mid-way: a child JVM runs the application (the real jar's
 * main class) against this JVM's in-process MongoDB and S3 servers and a PostgreSQL job
 * repository shared with this test, with a short lease and a slow S3, and is killed in
 * the middle of a chunk. Its execution stays STARTED and its lease stays in the
 * repository: recover is refused until the lease expires, then allowed; the restart
 * finishes the job and nothing is lost.
 */
@SpringBootTest
@DirtiesContext
class KilledRunRecoveryIntegrationTests extends ApplicationTestSupport {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "killed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	static final Duration CHILD_LEASE = Duration.ofSeconds(3);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void aRunKilledMidwayIsRecoveredOnceItsLeaseExpiresAndItsRestartLosesNothing() throws Exception {
		Set<String> dueKeys = seed();
		File log = File.createTempFile("killed-run-", ".log");
		log.deleteOnExit();
		Process child;
		long executionId;
		try (SlowS3 slow = new SlowS3(this.s3.faults())) {
			child = startChild(log);
			try {
				executionId = await().atMost(Duration.ofSeconds(60))
					.until(this::runningExecution, id -> id != null && child.isAlive());
				// a few chunks done, then kill it while it sleeps in the middle of a
				// chunk
				await().atMost(Duration.ofSeconds(30)).until(() -> count("galleries") <= 32 - 6);
				slow.awaitNextFailure(Duration.ofSeconds(10));
				child.destroyForcibly();
				assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (Throwable ex) {
				child.destroyForcibly();
				throw new AssertionError("The child run did not go as planned; its log:\n"
						+ Files.readString(log.toPath(), StandardCharsets.UTF_8), ex);
			}
		}
		assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
		assertThat(this.control.execution(executionId).getStatus()).isEqualTo(BatchStatus.STARTED);
		long dueLeft = count("galleries") - 2;
		assertThat(dueLeft).as("due galleries left by the killed run").isBetween(2L, 24L);

		// its lease is still live: recover (and any launch) is refused, naming the dead
		// holder
		LeaseState lease = this.control.currentLease().orElseThrow();
		assertThat(lease.holder()).contains("/" + child.pid() + "/");
		assertThat(lease.executionId()).isEqualTo(executionId);
		assertThat(lease.live()).isTrue();
		assertThatExceptionOfType(OperationRefusedException.class).isThrownBy(() -> this.control.recover(executionId))
			.withCauseInstanceOf(LeaseUnavailableException.class)
			.withMessageStartingWith("Cannot recover execution " + executionId + " yet: the job's lease is held by "
					+ lease.holder() + " for execution " + executionId)
			.withMessageContaining("expires at " + lease.expiresAt());
		assertThatExceptionOfType(OperationRefusedException.class).isThrownBy(() -> this.launcher.run(false, Set.of()))
			.withCauseInstanceOf(LeaseUnavailableException.class);

		// no heartbeat any more: the lease lapses after its ttl, then recover is allowed
		await().atMost(CHILD_LEASE.plusSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !this.control.currentLease().orElseThrow().live());
		// the killed run does not block the next night, recovered or not
		JobExecution nextNight = this.launcher.run(true, Set.of("article"));
		assertThat(nextNight.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.control.execution(executionId).getStatus()).isEqualTo(BatchStatus.STARTED);
		JobExecution recovered = this.control.recover(executionId);
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.control.actions(executionId)).containsExactly("restart", "abandon");

		JobExecution restarted = this.launcher.restart(executionId);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		// every due document purged, every image of a purged document gone, and nothing
		// else
		assertThat(
				this.mongo.getCollection("galleries").find().map(d -> d.getString("gallery_id")).into(new TreeSet<>()))
			.containsExactly("fresh", "live");
		assertThat(this.mongo.getCollection("galleries").countDocuments(Filters.exists("purge_claim"))).isZero();
		Set<String> expected = new TreeSet<>(
				Set.of("shared/logo.png", "galleries/live/1.jpg", "galleries/fresh/1.jpg"));
		assertThat(this.s3.keys()).containsExactlyElementsOf(expected);
		Set<String> audited = new HashSet<>(
				this.jdbc.queryForList("SELECT image_key FROM purge_deleted_image", String.class));
		assertThat(audited).containsExactlyInAnyOrderElementsOf(dueKeys);
		assertThat(
				this.jdbc.queryForObject(
						"SELECT documents_purged FROM purge_step_summary "
								+ "WHERE job_execution_id = ? AND content_type = 'gallery'",
						Long.class, restarted.getId()))
			.isEqualTo(dueLeft);
	}

	/**
	 * 30 due galleries with two images each, one of them also shows an image a live
	 * gallery shows; a gallery in its grace period. Returns the keys that must go.
	 */
	private Set<String> seed() {
		Set<String> dueKeys = new TreeSet<>();
		List<Document> galleries = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String first = "galleries/g" + i + "/1.jpg";
			String second = "galleries/g" + i + "/2.jpg";
			this.s3.put(first, second);
			dueKeys.add(first);
			dueKeys.add(second);
			galleries.add(due((i == 7) ? gallery("g" + i, cdnUrl(first), cdnUrl(second), cdnUrl("shared/logo.png"))
					: gallery("g" + i, cdnUrl(first), cdnUrl(second))));
		}
		this.s3.put("shared/logo.png", "galleries/live/1.jpg", "galleries/fresh/1.jpg");
		galleries.add(gallery("live", cdnUrl("galleries/live/1.jpg"), cdnUrl("shared/logo.png")));
		galleries.add(flagged(gallery("fresh", cdnUrl("galleries/fresh/1.jpg")), Duration.ofHours(1)));
		this.mongo.getCollection("galleries").insertMany(galleries);
		return dueKeys;
	}

	/**
	 * {@code java -cp <this JVM's class path> io.mediapurge.MediaPurgeApplication ...}
	 */
	private Process startChild(File log) throws Exception {
		List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"-Daws.accessKeyId=" + EmbeddedS3.ACCESS_KEY, "-Daws.secretAccessKey=" + EmbeddedS3.SECRET_KEY,
				MediaPurgeApplication.class.getName(), "--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
				"--spring.datasource.url=" + URL + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA,
				"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.s3.endpoint=" + this.s3.endpoint(),
				"--media-purge.s3.path-style=true", "--media-purge.s3.public-base-urls=" + TestServers.CDN,
				"--media-purge.s3.delete.initial-backoff=300ms", "--media-purge.s3.delete.max-backoff=300ms",
				"--media-purge.s3.delete.max-attempts=10", "--media-purge.chunk-size=2",
				"--media-purge.lease.ttl=" + CHILD_LEASE.toSeconds() + "s", "executions", "start",
				"contentTypes=gallery"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private Long runningExecution() {
		List<Long> running = this.jdbc
			.queryForList("SELECT job_execution_id FROM batch_job_execution WHERE status = 'STARTED'", Long.class);
		return running.isEmpty() ? null : running.get(0);
	}

	private long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

}
