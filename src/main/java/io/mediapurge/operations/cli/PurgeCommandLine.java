package io.mediapurge.operations.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.ExecutionNotFoundException;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.OperationRefusedException;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * The one-shot jar's command line. Without a subcommand it runs the job once
 * ({@code [dryRun=true|false] [contentTypes=a,b]}); {@code executions ...} lists, shows,
 * starts, restarts, stops, recovers and abandons executions. Results go to standard
 * output as plain text, errors and refusals to standard error. Anything it does not know
 * is refused with the usage text (exit code 2), so a typo never turns into an action.
 */
public class PurgeCommandLine {

	/** The usage text printed with every argument error. */
	public static final String USAGE = """
			Usage: java -jar media-purge.jar [command] [--spring.property=value ...]
			  [dryRun=true|false] [contentTypes=<name>[,<name>...]]
			                                 run the job once and exit with its status (the default)
			  executions list [limit=20]     the latest executions, newest first
			  executions show <id>           one execution: steps, counts per content type, skip and
			                                 block reasons, exit status, failures
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
			Exit codes: 0 done, 2 bad arguments, 3 completed with issues, 4 stopped, 5 failed,
			            6 refused (does not apply, another execution holds the lease or still runs in this
			            process), 8 unknown execution
			""";

	private static final int MAX_LIMIT = 1000;

	private final PurgeLauncher launcher;

	private final ExecutionControl control;

	private final ExecutionQueries queries;

	private final PrintStream out;

	private final PrintStream err;

	public PurgeCommandLine(PurgeLauncher launcher, ExecutionControl control, ExecutionQueries queries, PrintStream out,
			PrintStream err) {
		this.launcher = launcher;
		this.control = control;
		this.queries = queries;
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
			return run(arguments);
		}
		catch (InvalidLaunchArgumentsException ex) {
			this.err.println("media-purge: " + ex.getMessage());
			this.err.println();
			this.err.print(USAGE);
			return ExitCodes.CONFIGURATION_ERROR;
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

	private ExitCodes executions(List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new InvalidLaunchArgumentsException("'executions' needs a subcommand");
		}
		String subcommand = arguments.get(0);
		List<String> rest = arguments.subList(1, arguments.size());
		switch (subcommand) {
			case "list" -> {
				int limit = limit(options(rest, Set.of("limit")).getOrDefault("limit", "20"));
				this.out.println(ExecutionText.lease(this.control.currentLease()));
				this.out.print(ExecutionText.list(this.queries.recent(limit)));
				return ExitCodes.COMPLETED;
			}
			case "show" -> {
				this.out.print(report(id(subcommand, rest)));
				return ExitCodes.COMPLETED;
			}
			case "start" -> {
				return run(rest);
			}
			case "restart" -> {
				return ended(this.launcher.restart(id(subcommand, rest)));
			}
			case "stop" -> {
				JobExecution stopping = this.control.stop(id(subcommand, rest));
				this.out.println("Stop requested for execution " + stopping.getId() + " (now " + stopping.getStatus()
						+ "): it ends after its current chunk, then shows STOPPED; restart or abandon it once it is "
						+ "STOPPED.");
				return ExitCodes.COMPLETED;
			}
			case "recover" -> {
				JobExecution recovered = this.control.recover(id(subcommand, rest));
				this.out.println("Execution " + recovered.getId() + " recovered: now " + recovered.getStatus()
						+ ". Restart it with 'executions restart " + recovered.getId()
						+ "' (or abandon it) to finish its content types.");
				return ExitCodes.COMPLETED;
			}
			case "abandon" -> {
				JobExecution abandoned = this.control.abandon(id(subcommand, rest));
				this.out.println("Execution " + abandoned.getId() + " is " + abandoned.getStatus()
						+ ": it will never be restarted.");
				return ExitCodes.COMPLETED;
			}
			case "help" -> {
				options(rest, Set.of());
				this.out.print(USAGE);
				return ExitCodes.COMPLETED;
			}
			default -> throw new InvalidLaunchArgumentsException("Unknown subcommand 'executions " + subcommand + "'");
		}
	}

	/** {@code [dryRun=true|false] [contentTypes=a,b]}: runs the job and waits for it. */
	private ExitCodes run(List<String> arguments) {
		Map<String, String> options = options(arguments,
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
		return ended(this.launcher.run(Boolean.parseBoolean(dryRun), contentTypes));
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

	/**
	 * @return the {@code name=value} arguments, each known and given at most once
	 */
	private static Map<String, String> options(List<String> arguments, Set<String> known) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			String name = (equals > 0) ? argument.substring(0, equals) : argument;
			if (equals <= 0 || !known.contains(name)) {
				throw new InvalidLaunchArgumentsException("Unknown argument '" + argument + "'"
						+ (known.isEmpty() ? "" : "; accepted here: " + String.join("=..., ", known) + "=..."));
			}
			if (options.put(name, argument.substring(equals + 1)) != null) {
				throw new InvalidLaunchArgumentsException("Argument '" + name + "' given twice");
			}
		}
		return options;
	}

	private static long id(String subcommand, List<String> arguments) {
		if (arguments.size() != 1) {
			throw new InvalidLaunchArgumentsException(
					"'executions " + subcommand + "' takes exactly one execution id, got " + arguments);
		}
		try {
			long id = Long.parseLong(arguments.get(0));
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidLaunchArgumentsException("'" + arguments.get(0) + "' is not an execution id");
	}

	private static int limit(String value) {
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidLaunchArgumentsException(
				"limit must be a number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
	}

}
