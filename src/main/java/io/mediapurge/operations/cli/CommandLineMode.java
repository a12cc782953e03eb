package io.mediapurge.operations.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How much of the application a command line needs, decided before anything starts: the
 * usage text needs nothing; reading executions, plans and acting on executions that exist
 * need only the job repository; running the job needs everything (MongoDB, S3, the
 * content-type specs, the job).
 */
public enum CommandLineMode {

	/**
	 * {@code executions help}, and an {@code executions} subcommand that does not exist:
	 * answered without starting anything
	 * ({@link PurgeCommandLine#withoutApplication(List, java.io.PrintStream, java.io.PrintStream)}).
	 */
	NOTHING,

	/**
	 * {@code executions list|show|plan|stop|recover|abandon} and {@code sweep show|list}:
	 * the job repository alone, see {@link ExecutionsCommandApplication}.
	 */
	REPOSITORY_ONLY,

	/**
	 * A run, {@code executions start|restart}, {@code sweep plan|apply|restart}, and the
	 * long-running mode.
	 */
	APPLICATION;

	private static final Set<String> REPOSITORY_COMMANDS = Set.of("list", "show", "plan", "stop", "recover", "abandon");

	/**
	 * @param args the process's arguments
	 * @return what they need
	 */
	public static CommandLineMode of(String... args) {
		List<String> commands = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
		if (!commands.isEmpty() && commands.get(0).equals("sweep")) {
			if (commands.size() > 1 && Set.of("show", "list").contains(commands.get(1))) {
				return REPOSITORY_ONLY;
			}
			return (commands.size() > 1 && Set.of("plan", "apply", "restart").contains(commands.get(1))) ? APPLICATION
					: NOTHING;
		}
		if (commands.isEmpty() || !commands.get(0).equals("executions")) {
			return APPLICATION;
		}
		if (commands.size() > 1 && REPOSITORY_COMMANDS.contains(commands.get(1))) {
			return REPOSITORY_ONLY;
		}
		if (commands.size() > 1 && Set.of("start", "restart").contains(commands.get(1))) {
			return APPLICATION;
		}
		return NOTHING;
	}

}
