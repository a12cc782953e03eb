package io.mediapurge.reliability.operations;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

/**
 * The one-shot jar when something it needs is missing, as {@code main} runs it: MongoDB
 * or the job repository unreachable, a setting out of range. Each fails in a bounded time
 * with one clear message and the exit code of the table, and deletes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresIntegrationTests {

	private static final MongoClient client = MongoClients.create(TestServers.mongo().uri("cms"));

	private final EmbeddedS3 s3 = TestServers.s3();

	private final MongoDatabase cms = client.getDatabase("cms");

	private final String repository = "jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@BeforeEach
	void seed() {
		ApplicationTestSupport.COLLECTIONS
			.forEach((collection) -> this.cms.getCollection(collection).deleteMany(new Document()));
		this.s3.clear();
		this.s3.put("galleries/g1.jpg", "galleries/live.jpg");
		this.cms.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
					gallery("live", cdnUrl("galleries/live.jpg"))));
	}

	@Test
	void aRunWhoseMongoDbIsUnreachableFailsWithinBoundedTimeWithOneMessageAndItsRestartFinishes(CapturedOutput output)
			throws Exception {
		int port = closedPort();

		int exitCode = run(List.of("--spring.mongodb.uri=mongodb://127.0.0.1:" + port + "/cms"),
				"contentTypes=gallery");

		assertThat(exitCode).isEqualTo(ExitCodes.FAILED.code());
		Execution failed = lastExecution();
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.duration()).isLessThan(Duration.ofSeconds(30));
		assertThat(failed.exitMessage()).contains("MongoDB is unreachable: no server of 127.0.0.1:" + port)
			.contains("127.0.0.1:" + port)
			.contains("media-purge.mongo.server-selection-timeout");
		assertThat(output.getAll()).contains("MongoDB is unreachable").doesNotContain("MongoTimeoutException");
		// nothing was read, claimed or deleted
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/live.jpg");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(galleries()).containsExactlyInAnyOrder("g1", "live");

		// MongoDB answers again: the restart purges what the failed run left
		assertThat(run(List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms")), "executions", "restart",
				Long.toString(failed.id())))
			.isEqualTo(ExitCodes.COMPLETED.code());
		assertThat(galleries()).containsExactly("live");
		assertThat(this.s3.keys()).containsExactly("galleries/live.jpg");
	}

	@Test
	void anUnreachableJobRepositoryExitsOneWithOneClearLine(CapturedOutput output) throws Exception {
		int port = closedPort();
		long started = System.nanoTime();

		int exitCode = MediaPurgeApplication
			.run(arguments(List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/test",
					"--spring.datasource.username=postgres", "--spring.datasource.password=")));

		assertThat(exitCode).isEqualTo(ExitCodes.STARTUP_FAILED.code());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
		assertThat(output.getAll())
			.contains("The job repository at jdbc:postgresql://127.0.0.1:" + port
					+ "/test (spring.datasource.url) is unreachable")
			.doesNotContain("\tat ");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(galleries()).containsExactlyInAnyOrder("g1", "live");
	}

	@Test
	void aSkipLimitOfZeroIsAConfigurationErrorExitingTwo(CapturedOutput output) {
		int exitCode = run(
				List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"), "--media-purge.skip-limit=0"));

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output.getAll()).contains("media-purge.skip-limit").doesNotContain("\tat ");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(galleries()).containsExactlyInAnyOrder("g1", "live");
	}

	private int run(List<String> options, String... arguments) {
		List<String> all = new ArrayList<>(options);
		all.add("--spring.datasource.url=" + this.repository);
		all.addAll(List.of(arguments));
		return MediaPurgeApplication.run(arguments(all));
	}

	private static String[] arguments(List<String> extra) {
		List<String> arguments = new ArrayList<>(List.of("--media-purge.s3.bucket=" + TestServers.BUCKET,
				"--media-purge.s3.endpoint=" + TestServers.s3().endpoint(), "--media-purge.s3.path-style=true",
				"--media-purge.s3.public-base-urls=" + TestServers.CDN));
		arguments.addAll(extra);
		return arguments.toArray(String[]::new);
	}

	private List<String> galleries() {
		return this.cms.getCollection("galleries")
			.find()
			.map((document) -> document.getString("gallery_id"))
			.into(new ArrayList<>());
	}

	private Execution lastExecution() throws Exception {
		try (Connection connection = DriverManager.getConnection(this.repository, "sa", "");
				ResultSet rs = connection.createStatement()
					.executeQuery("SELECT JOB_EXECUTION_ID, STATUS, START_TIME, END_TIME, EXIT_MESSAGE "
							+ "FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC")) {
			assertThat(rs.next()).isTrue();
			Timestamp start = rs.getTimestamp(3);
			Timestamp end = rs.getTimestamp(4);
			return new Execution(rs.getLong(1), rs.getString(2), Duration.between(start.toInstant(), end.toInstant()),
					rs.getString(5));
		}
	}

	/** A local port nothing listens on. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	record Execution(long id, String status, Duration duration, String exitMessage) {
	}

}
