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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.plan.DryRunPlan;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.operations.plan.PlanNotFoundException;

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
			"contentTypes=gallery contentTypes=article", "executions plan", "executions plan x",
			"executions plan 3 format=xml", "executions plan 3 format=csv format=json", "executions plan 3 limit=2",
			"executions plan format=csv" })
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
		return new PurgeCommandLine(launcher, mock(ExecutionControl.class), queries, mock(DryRunPlans.class),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void theUsageNamesEveryExitCode() {
		for (ExitCodes exitCode : ExitCodes.values()) {
			assertThat(PurgeCommandLine.USAGE).as(exitCode.name()).containsPattern("[ :]" + exitCode.code() + " [a-z]");
		}
	}

	@Test
	void helpAndMistypedSubcommandsAreAnsweredWithoutTheApplication() {
		PrintStream out = new PrintStream(this.out, true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(this.err, true, StandardCharsets.UTF_8);

		assertThat(PurgeCommandLine.withoutApplication(List.of("executions", "help"), out, err))
			.isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo(PurgeCommandLine.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(PurgeCommandLine.withoutApplication(List.of("executions", "lsit"), out, err))
			.isEqualTo(ExitCodes.CONFIGURATION_ERROR);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("media-purge: Unknown subcommand 'executions lsit'");
	}

	@Test
	void aPlanIsPrintedAloneAsJsonOrCsv() {
		ExecutionQueries queries = mock(ExecutionQueries.class);
		DryRunPlans plans = mock(DryRunPlans.class);
		given(queries.exists(7)).willReturn(true);
		DryRunPlan.Totals totals = new DryRunPlan.Totals(1, 0, 0, 1, 0, 0);
		given(plans.find(7))
			.willReturn(new DryRunPlan(
					7, "COMPLETED", totals, Map.of("gallery", totals), List.of(new DryRunPlan.Document("gallery", "g1",
							"65a0", "purge", List.of("galleries/g1/1.jpg"), List.of(), List.of(), null, null)),
					List.of()));

		ExitCodes json = commandLine(mock(PurgeLauncher.class), queries, plans)
			.execute(List.of("executions", "plan", "7"));
		String printed = this.out.toString(StandardCharsets.UTF_8);
		this.out.reset();
		ExitCodes csv = commandLine(mock(PurgeLauncher.class), queries, plans)
			.execute(List.of("executions", "plan", "7", "format=csv"));

		assertThat(json).isEqualTo(ExitCodes.COMPLETED);
		assertThat(JsonMapper.builder()
			.build()
			.readTree(printed)
			.get("documents")
			.get(0)
			.get("keysToDelete")
			.get(0)
			.asString()).isEqualTo("galleries/g1/1.jpg");
		assertThat(csv).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.startsWith("content_type,document_id,object_id,action,image_kind,image,reason_code,reason\r\n")
			.contains("\"galleries/g1/1.jpg\"");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aPlanOfAnUnknownExecutionOrOfARealRunIsRefused() {
		ExecutionQueries queries = mock(ExecutionQueries.class);
		DryRunPlans plans = mock(DryRunPlans.class);
		given(queries.exists(8)).willReturn(true);
		given(plans.find(8)).willThrow(new PlanNotFoundException("Execution 8 is not a dry run, so it has no plan"));

		assertThat(commandLine(mock(PurgeLauncher.class), queries, plans).execute(List.of("executions", "plan", "9")))
			.isEqualTo(ExitCodes.UNKNOWN_EXECUTION);
		assertThat(commandLine(mock(PurgeLauncher.class), queries, plans).execute(List.of("executions", "plan", "8")))
			.isEqualTo(ExitCodes.REFUSED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("No execution of mediaPurgeJob with id 9")
			.contains("refused: Execution 8 is not a dry run");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private PurgeCommandLine commandLine(PurgeLauncher launcher, ExecutionQueries queries, DryRunPlans plans) {
		return new PurgeCommandLine(launcher, mock(ExecutionControl.class), queries, plans,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
