package io.mediapurge.operations.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.ExecutionNotFoundException;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.OperationRefusedException;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.plan.DryRunPlan;
import io.mediapurge.operations.plan.DryRunPlanCsv;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.operations.plan.PlanNotFoundException;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.sweep.plan.SweepPlanNotFoundException;

/**
 * The one-shot jar's command line. Without a subcommand it runs the job once
 * ({@code [dryRun=true|false] [contentTypes=a,b]}); {@code executions ...} lists, shows,
 * starts, restarts, stops, recovers and abandons executions and prints dry-run plans.
 * {@code sweep ...} makes, shows and applies orphan sweep plans
 * ({@link SweepCommandLine}). Results go to standard output as plain text (a plan as JSON
 * or CSV), so they can be piped; errors and refusals go to standard error, like the logs.
 * Anything it does not know is refused with the usage text (exit code 2), so a typo never
 * turns into an action.
 */
public class PurgeCommandLine {

	/** The usage text printed with every argument error. */
	public static final String USAGE = """
			Usage: java -jar media-purge.jar [command] [--spring.property=value ...]
			  [dryRun=true|false] [contentTypes=<name>[,<name>...]]
			                                 run the job once and exit with its status (the default)
			  executions list [limit=20] [job=purge|sweep|all]
			                                 the latest executions, newest first: the purge's (the
			                                 default), the sweep's, or both with job, action and plan
			  executions show <id>           one execution: steps, counts per content type, skip and
			                                 block reasons, exit status, failures, progress while it runs
			  executions plan <id> [format=json|csv]
			                                 what a dry run would do to each document and image
			  executions start [dryRun=true|false] [contentTypes=<name>[,<name>...]]
			                                 run the job now and exit with its status
			  executions restart <id>        restart a FAILED or STOPPED execution and exit with its status
			  executions stop <id>           ask a running execution to stop after its current chunk
			                                 (STOPPING until then, STOPPED once it has stopped)
			  executions recover <id>        mark an execution left running by a killed process FAILED
			                                 (allowed once that process's lease has expired)
			  executions abandon <id>        mark a FAILED or STOPPED execution ABANDONED (never restarted;
			                                 refused while it is STOPPING)
			  executions help                this text
			""" + SweepCommandLine.USAGE + """
			Results go to standard output, logs and errors to standard error. list, show, plan, stop,
			recover and abandon, and sweep show and list, need only the job repository
			(spring.datasource.*).
			Exit codes: 0 done, 1 could not start (e.g. job repository unreachable), 2 bad arguments or
			            configuration, 3 completed with issues (an apply that kept keys), 4 stopped,
			            5 failed, 6 refused (does not apply, another execution holds the lease or still
			            runs in this process, a plan already applied), 7 blast-radius guard refused the
			            run (confirm with confirmDeleteCount=<n>), 8 unknown execution or plan
			""";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final @Nullable PurgeLauncher launcher;

	private final ExecutionControl control;

	private final ExecutionQueries queries;

	private final DryRunPlans plans;

	private final PrintStream out;

	private final PrintStream err;

	private final @Nullable SweepCommandLine sweep;

	/**
	 * @param launcher the launcher, {@code null} where only the commands that need no job
	 * run ({@link CommandLineMode#REPOSITORY_ONLY})
	 * @param control stops, recovers and abandons
	 * @param queries the read model
	 * @param plans the dry-run plans
	 * @param out where results go
	 * @param err where errors and refusals go
	 */
	public PurgeCommandLine(@Nullable PurgeLauncher launcher, ExecutionControl control, ExecutionQueries queries,
			DryRunPlans plans, PrintStream out, PrintStream err) {
		this(launcher, control, queries, plans, null, out, err);
	}

	/**
	 * @param launcher the launcher, {@code null} where only the commands that need no job
	 * run
	 * @param control stops, recovers and abandons
	 * @param queries the read model
	 * @param plans the dry-run plans
	 * @param sweep the {@code sweep} commands, {@code null} where they are not offered
	 * @param out where results go
	 * @param err where errors and refusals go
	 */
	PurgeCommandLine(@Nullable PurgeLauncher launcher, ExecutionControl control, ExecutionQueries queries,
			DryRunPlans plans, @Nullable SweepCommandLine sweep, PrintStream out, PrintStream err) {
		this.sweep = sweep;
		this.launcher = launcher;
		this.control = control;
		this.queries = queries;
		this.plans = plans;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param arguments the non-option arguments of the command line
	 * @return the process's exit code
	 */
	public ExitCodes execute(List<String> arguments) {
		try {
			if (!arguments.isEmpty() && arguments.get(0).equals("executions")) {
				return executions(arguments.subList(1, arguments.size()));
			}
			if (!arguments.isEmpty() && arguments.get(0).equals("sweep")) {
				if (this.sweep == null) {
					throw new InvalidLaunchArgumentsException("The sweep commands are not available here");
				}
				return this.sweep.execute(arguments.subList(1, arguments.size()));
			}
			return run(arguments);
		}
		catch (SweepPlanNotFoundException ex) {
			this.err.println("media-purge: " + ex.getMessage());
			return ExitCodes.UNKNOWN_EXECUTION;
		}
		catch (InvalidLaunchArgumentsException ex) {
			return usageError(this.err, ex);
		}
		catch (ExecutionNotFoundException ex) {
			this.err.println("media-purge: " + ex.getMessage());
			return ExitCodes.UNKNOWN_EXECUTION;
		}
		catch (OperationRefusedException ex) {
			this.err.println("media-purge: refused: " + ex.getMessage());
			return ExitCodes.REFUSED;
		}
	}

	/**
	 * Answers the {@code executions} commands that need no application: the usage text,
	 * and a missing or unknown subcommand.
	 * @param arguments the non-option arguments, starting with {@code executions}
	 * @param out where the usage text goes
	 * @param err where a mistake goes
	 * @return the process's exit code
	 */
	public static ExitCodes withoutApplication(List<String> arguments, PrintStream out, PrintStream err) {
		try {
			String command = arguments.isEmpty() ? "executions" : arguments.get(0);
			if (arguments.size() < 2) {
				throw new InvalidLaunchArgumentsException("'" + command + "' needs a subcommand");
			}
			if (!arguments.get(1).equals("help")) {
				throw new InvalidLaunchArgumentsException(
						"Unknown subcommand '" + command + " " + arguments.get(1) + "'");
			}
			Arguments.options(arguments.subList(2, arguments.size()), Set.of());
			out.print(USAGE);
			return ExitCodes.COMPLETED;
		}
		catch (InvalidLaunchArgumentsException ex) {
			return usageError(err, ex);
		}
	}

	private static ExitCodes usageError(PrintStream err, InvalidLaunchArgumentsException ex) {
		err.println("media-purge: " + ex.getMessage());
		err.println();
		err.print(USAGE);
		return ExitCodes.CONFIGURATION_ERROR;
	}

	private ExitCodes executions(List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new InvalidLaunchArgumentsException("'executions' needs a subcommand");
		}
		String subcommand = arguments.get(0);
		List<String> rest = arguments.subList(1, arguments.size());
		switch (subcommand) {
			case "list" -> ExecutionsList.print(rest, this.control, this.queries, this.out);
			case "show" -> this.out.print(report(Arguments.onlyId(subcommand, rest)));
			case "plan" -> plan(Arguments.id(subcommand, rest), rest.subList(1, rest.size()));
			case "start" -> {
				return run(rest);
			}
			case "restart" -> {
				return ended(launcher().restart(Arguments.onlyId(subcommand, rest)));
			}
			case "stop" -> {
				JobExecution stopping = this.control.stop(Arguments.onlyId(subcommand, rest));
				this.out.println("Stop requested for execution " + stopping.getId() + " (now " + stopping.getStatus()
						+ "): it ends after its current chunk, then shows STOPPED; restart or abandon it once it is "
						+ "STOPPED.");
				return ExitCodes.COMPLETED;
			}
			case "recover" -> {
				JobExecution recovered = this.control.recover(Arguments.onlyId(subcommand, rest));
				this.out.println("Execution " + recovered.getId() + " recovered: now " + recovered.getStatus()
						+ ". Restart it with 'executions restart " + recovered.getId()
						+ "' (or abandon it) to finish its content types.");
			}
			case "abandon" -> {
				JobExecution abandoned = this.control.abandon(Arguments.onlyId(subcommand, rest));
				this.out.println("Execution " + abandoned.getId() + " is " + abandoned.getStatus()
						+ ": it will never be restarted.");
			}
			case "help" -> {
				Arguments.options(rest, Set.of());
				this.out.print(USAGE);
			}
			default -> throw new InvalidLaunchArgumentsException("Unknown subcommand 'executions " + subcommand + "'");
		}
		return ExitCodes.COMPLETED;
	}

	/** {@code executions plan <id> [format=json|csv]}: the plan alone, for a pipe. */
	private void plan(long executionId, List<String> arguments) {
		String format = Arguments.options(arguments, Set.of("format")).getOrDefault("format", "json");
		if (!List.of("json", "csv").contains(format)) {
			throw new InvalidLaunchArgumentsException("format must be json or csv, got '" + format + "'");
		}
		if (!this.queries.exists(executionId)) {
			throw new ExecutionNotFoundException(executionId);
		}
		DryRunPlan plan;
		try {
			plan = this.plans.find(executionId);
		}
		catch (PlanNotFoundException ex) {
			throw new OperationRefusedException(ex.getMessage(), ex);
		}
		this.out.print(format.equals("csv") ? DryRunPlanCsv.write(plan) : JSON.writeValueAsString(plan) + "\n");
	}

	/** {@code [dryRun=true|false] [contentTypes=a,b]}: runs the job and waits for it. */
	private ExitCodes run(List<String> arguments) {
		Map<String, String> options = Arguments.options(arguments,
				Set.of(MediaPurgeJobParameters.DRY_RUN, MediaPurgeJobParameters.CONTENT_TYPES));
		String dryRun = options.getOrDefault(MediaPurgeJobParameters.DRY_RUN, "false");
		if (!List.of("true", "false").contains(dryRun)) {
			throw new InvalidLaunchArgumentsException("dryRun must be true or false, got '" + dryRun + "'");
		}
		Set<String> contentTypes = Set.of();
		if (options.containsKey(MediaPurgeJobParameters.CONTENT_TYPES)) {
			contentTypes = MediaPurgeJobParameters
				.parseContentTypes(options.get(MediaPurgeJobParameters.CONTENT_TYPES));
			if (contentTypes.isEmpty()) {
				throw new InvalidLaunchArgumentsException(
						"contentTypes names no content type; leave it out to purge every content type");
			}
		}
		return ended(launcher().run(Boolean.parseBoolean(dryRun), contentTypes));
	}

	private ExitCodes ended(JobExecution execution) {
		this.out.print(report(execution.getId()));
		return ExitCodes.of(execution);
	}

	private String report(long executionId) {
		ExecutionDetail detail = this.queries.find(executionId)
			.orElseThrow(() -> new ExecutionNotFoundException(executionId));
		return ExecutionText.show(detail, this.control.actions(executionId));
	}

	private PurgeLauncher launcher() {
		if (this.launcher == null) {
			throw new IllegalStateException("This command runs the job: it needs the whole application");
		}
		return this.launcher;
	}

}
