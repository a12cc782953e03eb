package io.mediapurge.support;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

import io.mediapurge.MediaPurgeApplication;

/**
 * One scenario's world shared by this JVM and a child JVM running the application (the
 * real jar's main class): this JVM's in-process MongoDB (a database of its own) and S3
 * servers, and a PostgreSQL job repository in a schema of its own, dropped by
 * {@link #close()}. The child runs with a short lease, so that this JVM can recover its
 * execution soon after killing it.
 */
public final class ChildJvm implements AutoCloseable {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	public static final Duration LEASE = Duration.ofSeconds(2);

	private final String schema;

	private final String database;

	private final MongoClient client;

	private final EmbeddedS3 s3 = TestServers.s3();

	public ChildJvm(String name) {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		this.schema = (name + "_" + suffix).replaceAll("[^a-z0-9_]", "_");
		this.database = this.schema;
		this.client = MongoClients.create(TestServers.mongo().uri(this.database));
	}

	public MongoCollection<Document> collection(String name) {
		return this.client.getDatabase(this.database).getCollection(name);
	}

	/**
	 * The application's arguments for this world.
	 * @param extra further arguments
	 * @return all arguments
	 */
	public String[] arguments(String... extra) {
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.mongodb.uri=" + TestServers.mongo().uri(this.database),
				"--spring.datasource.url=" + URL + "?currentSchema=" + this.schema,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.flyway.schemas=" + this.schema, "--media-purge.s3.bucket=" + TestServers.BUCKET,
				"--media-purge.s3.endpoint=" + this.s3.endpoint(), "--media-purge.s3.path-style=true",
				"--media-purge.s3.public-base-urls=" + TestServers.CDN, "--media-purge.s3.delete.initial-backoff=300ms",
				"--media-purge.s3.delete.max-backoff=300ms", "--media-purge.s3.delete.max-attempts=10",
				"--media-purge.chunk-size=2", "--media-purge.lease.ttl=" + LEASE.toSeconds() + "s",
				"--spring.main.web-application-type=none"));
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

	/**
	 * Starts {@code java -cp <this JVM's class path> MediaPurgeApplication <arguments>}.
	 * @param log where its output goes
	 * @param systemProperties {@code -D} options
	 * @param extra the command line's arguments
	 * @return the child
	 */
	public Process start(File log, List<String> systemProperties, String... extra) throws Exception {
		List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"-Daws.accessKeyId=" + EmbeddedS3.ACCESS_KEY, "-Daws.secretAccessKey=" + EmbeddedS3.SECRET_KEY));
		command.addAll(systemProperties);
		command.add(MediaPurgeApplication.class.getName());
		command.addAll(List.of(arguments(extra)));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/**
	 * Runs the application in this JVM, as {@code java -jar} would, and returns its exit
	 * code.
	 */
	public int runHere(String... extra) {
		return MediaPurgeApplication.run(arguments(extra));
	}

	/** The single execution left STARTED (or STOPPING), {@code null} if none. */
	public Long runningExecution() throws Exception {
		List<String> ids = query(
				"SELECT job_execution_id FROM batch_job_execution WHERE status IN ('STARTED', 'STOPPING') ORDER BY 1");
		return ids.isEmpty() ? null : Long.valueOf(ids.get(0));
	}

	public String status(long executionId) throws Exception {
		return query("SELECT status FROM batch_job_execution WHERE job_execution_id = " + executionId).get(0);
	}

	/** Whether a process holds the job's lease now (by the database's clock). */
	public boolean leaseLive() throws Exception {
		return !query("SELECT holder FROM purge_job_lease WHERE expires_at > CURRENT_TIMESTAMP").isEmpty();
	}

	public List<String> query(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(URL + "?currentSchema=" + this.schema, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

	/** Waits until the child's output contains the text. */
	public static void awaitOutput(File log, String text, Duration timeout, Process child) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.readString(log.toPath(), StandardCharsets.UTF_8).contains(text)) {
				return;
			}
			if (!child.isAlive()) {
				throw new AssertionError("The child ended (exit " + child.exitValue() + ") before printing '" + text
						+ "':\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The child did not print '" + text + "' within " + timeout + ":\n"
				+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
	}

	@Override
	public void close() throws Exception {
		this.client.getDatabase(this.database).drop();
		this.client.close();
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
	}

}
