package io.mediapurge.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * The command line fails closed: anything it does not know exits 2 with the usage, and
 * nothing is asked of the launcher or the job repository.
 */
class PurgeCommandLineTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@ParameterizedTest
	@ValueSource(strings = { "executions", "executions frobnicate", "executions show", "executions show abc",
			"executions show -3", "executions show 0", "executions show 1.5", "executions restart 1 2",
			"executions stop", "executions recover x", "executions abandon 1 --", "executions list limit=0",
			"executions list limit=1001", "executions list limit=ten", "executions list lmit=5", "executions list 5",
			"executions list limit=5 limit=6", "executions start dryRun=maybe", "executions start dryRun=",
			"executions start contentTypes=", "executions start contentTypes=,", "executions start dryrun=true",
			"executions start dryRun=true dryRun=false", "executions start 7", "executions help me", "executions LIST",
			"dryRun=true executions list", "list", "dryRun", "dryRun=TRUE", "=true",
			"contentTypes=gallery contentTypes=article" })
	void anythingElseIsRefusedWithTheUsage(String arguments) {
		PurgeLauncher launcher = mock(PurgeLauncher.class);
		ExecutionQueries queries = mock(ExecutionQueries.class);

		ExitCodes exitCode = commandLine(launcher, queries).execute(Arrays.asList(arguments.split(" ")));

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("media-purge: ")
			.endsWith(PurgeCommandLine.USAGE);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		verifyNoInteractions(launcher, queries);
	}

	@ParameterizedTest
	@ValueSource(strings = { "contentTypes=podcast", "executions start contentTypes=gallery,podcast" })
	void anUnknownContentTypeIsABadArgument(String arguments) {
		PurgeLauncher launcher = mock(PurgeLauncher.class);
		given(launcher.run(anyBoolean(), anySet()))
			.willThrow(new InvalidLaunchArgumentsException("Unknown content types [podcast]"));

		ExitCodes exitCode = commandLine(launcher, mock(ExecutionQueries.class))
			.execute(Arrays.asList(arguments.split(" ")));

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown content types [podcast]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "executions help" })
	void helpPrintsTheUsage(String arguments) {
		ExitCodes exitCode = commandLine(mock(PurgeLauncher.class), mock(ExecutionQueries.class))
			.execute(Arrays.asList(arguments.split(" ")));

		assertThat(exitCode).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo(PurgeCommandLine.USAGE);
	}

	private PurgeCommandLine commandLine(PurgeLauncher launcher, ExecutionQueries queries) {
		return new PurgeCommandLine(launcher, mock(ExecutionControl.class), queries,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
