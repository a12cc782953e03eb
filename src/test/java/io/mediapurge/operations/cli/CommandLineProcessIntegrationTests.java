package io.mediapurge.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediapurge.support.JarProcess;

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

}
