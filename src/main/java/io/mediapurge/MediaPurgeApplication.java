package io.mediapurge;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.mediapurge.operations.cli.CommandLineMode;
import io.mediapurge.operations.cli.ExecutionsCommandApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.cli.PurgeCommandLine;
import io.mediapurge.operations.shutdown.GracefulShutdown;

/**
 * media-purge: purges soft-deleted CMS content. The process exits with the run's status
 * (see {@link ExitCodes}), so a scheduler can see a failed night. A command starts only
 * what it needs ({@link CommandLineMode}).
 */
@SpringBootApplication
public class MediaPurgeApplication {

	public static void main(String[] args) {
		// on SIGTERM, after the context is closed: exit 4 (stopped) if a run was stopped
		// gracefully, see GracefulShutdown
		SpringApplication.getShutdownHandlers().add(GracefulShutdown::haltWithStoppedRunExitCode);
		if (CommandLineMode.of(args) != CommandLineMode.APPLICATION) {
			System.exit(run(args));
			return;
		}
		ConfigurableApplicationContext context;
		try {
			context = SpringApplication.run(MediaPurgeApplication.class, args);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already logged the failure, with a failure analysis where
			// it has one
			System.exit(ExitCodes.forStartupFailure(ex).code());
			return;
		}
		// the long-running mode (profile "server") serves until it is stopped; a one-shot
		// run has finished by now and exits with its status
		if (!(context instanceof WebServerApplicationContext)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Runs the application and returns its exit code instead of exiting.
	 * @param args command-line arguments
	 * @return the exit code
	 */
	public static int run(String[] args) {
		try {
			return switch (CommandLineMode.of(args)) {
				case NOTHING -> PurgeCommandLine.withoutApplication(commands(args), System.out, System.err).code();
				case REPOSITORY_ONLY -> ExecutionsCommandApplication.run(args);
				case APPLICATION -> SpringApplication.exit(SpringApplication.run(MediaPurgeApplication.class, args));
			};
		}
		catch (RuntimeException ex) {
			// Spring Boot has already logged the failure, with a failure analysis where
			// it has one
			return ExitCodes.forStartupFailure(ex).code();
		}
	}

	private static List<String> commands(String[] args) {
		return Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
	}

}
