package io.mediapurge.operations.cli;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.JarProcess;
import io.mediapurge.support.TestServers;

/**
 * The command line as a person runs it: real processes of the jar, in a directory of
 * their own, on the default job repository ({@code ./data}, H2), with nothing but the
 * arguments given.
 */
class CommandLineProcessIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void helpNeedsNoSpecsNoConfigurationAndNoDatabase() throws Exception {
		JarProcess.Ended help = JarProcess.in(this.directory).run("executions", "help");

		assertThat(help.exitCode()).as(help.toString()).isZero();
		assertThat(help.out()).isEqualTo(PurgeCommandLine.USAGE);
		assertThat(help.err()).isEmpty();
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

	@Test
	void listPrintsItsResultAloneOnStandardOutputWithoutMongoDbS3OrTheSpecs() throws Exception {
		JarProcess.Ended list = JarProcess.in(this.directory).run("executions", "list");

		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.out())
			.isEqualTo("Lease: free (no execution is running)\nNo executions of mediaPurgeJob yet.\n");
		// no MongoDB or S3 client was started, no job built, and nothing below WARN said
		assertThat(list.err()).doesNotContain(" INFO ").doesNotContainIgnoringCase("mongo").doesNotContain("purge-");
		assertThat(this.directory.resolve("jobs")).doesNotExist();
	}

	@Test
	void whileARunHoldsTheDefaultRepositoryTheCommandLineReadsItAndASecondRunIsRefused() throws Exception {
		String database = "two_processes_" + UUID.randomUUID().toString().substring(0, 8);
		try (MongoClient client = MongoClients.create(TestServers.mongo().uri(database))) {
			copyJobs();
			TestServers.s3().put("galleries/two/1.jpg", "galleries/two/2.jpg");
			client.getDatabase(database)
				.getCollection("galleries")
				.insertMany(List.of(due(gallery("two-1", TestServers.cdnUrl("galleries/two/1.jpg"))),
						due(gallery("two-2", TestServers.cdnUrl("galleries/two/2.jpg")))));
			String[] run = { "--spring.mongodb.uri=" + TestServers.mongo().uri(database),
					"--media-purge.s3.bucket=" + TestServers.BUCKET,
					"--media-purge.s3.endpoint=" + TestServers.s3().endpoint(), "--media-purge.s3.path-style=true",
					"--media-purge.s3.public-base-urls=" + TestServers.CDN, "--media-purge.chunk-size=1" };
			// a run that stops for good after claiming its first chunk, holding the file
			// database and the job's lease
			JarProcess.Started first = JarProcess.in(this.directory)
				.withSystemProperties("-Dmedia-purge.test.kill-point=after-claim@1")
				.start(run);
			try {
				awaitOutput(first, "MEDIA-PURGE-KILL-POINT-REACHED after-claim");

				JarProcess.Ended list = JarProcess.in(this.directory).run("executions", "list");
				JarProcess.Ended second = JarProcess.in(this.directory).run(run);

				assertThat(list.exitCode()).as(list.toString()).isZero();
				assertThat(list.out()).startsWith("Lease: held by ").contains(" STARTED ");
				assertThat(list.err()).doesNotContain("already in use").doesNotContain("Exception");
				assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.REFUSED.code());
				assertThat(second.err().lines().filter((line) -> line.startsWith("media-purge: "))).singleElement()
					.asString()
					.startsWith("media-purge: refused: Refusing to start mediaPurgeJob: the job's lease is held by ");
				assertThat(second.err()).doesNotContain("already in use").doesNotContain("\tat ");
			}
			finally {
				first.stop();
				client.getDatabase(database).drop();
			}
		}
	}

	private void copyJobs() throws IOException {
		Path jobs = Files.createDirectories(this.directory.resolve("jobs"));
		try (Stream<Path> specs = Files.list(Path.of("jobs"))) {
			for (Path spec : specs.toList()) {
				Files.copy(spec, jobs.resolve(spec.getFileName()));
			}
		}
	}

	private static void awaitOutput(JarProcess.Started process, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			if (process.out().contains(text)) {
				return;
			}
			if (!process.process().isAlive()) {
				break;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The run did not reach '" + text + "':\n" + process.out() + "\n" + process.err());
	}

}
