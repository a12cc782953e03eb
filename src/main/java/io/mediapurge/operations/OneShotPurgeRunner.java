package io.mediapurge.operations;

import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * {@code java -jar media-purge.jar [dryRun=true] [contentTypes=gallery,article]}: runs
 * the job once and remembers the exit code for {@code main}. Any other argument is
 * refused, so a misspelt {@code dryRun} cannot turn into a real purge.
 */
class OneShotPurgeRunner implements ApplicationRunner, ExitCodeGenerator {

	private final PurgeLauncher launcher;

	private ExitCodes exitCode = ExitCodes.COMPLETED;

	OneShotPurgeRunner(PurgeLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean dryRun = false;
		Set<String> contentTypes = Set.of();
		for (String argument : args.getNonOptionArgs()) {
			int equals = argument.indexOf('=');
			String name = (equals > 0) ? argument.substring(0, equals) : argument;
			String value = (equals > 0) ? argument.substring(equals + 1) : "";
			switch (name) {
				case MediaPurgeJobParameters.DRY_RUN -> {
					if (!List.of("true", "false").contains(value)) {
						throw new InvalidLaunchArgumentsException("dryRun must be true or false, got '" + value + "'");
					}
					dryRun = Boolean.parseBoolean(value);
				}
				case MediaPurgeJobParameters.CONTENT_TYPES ->
					contentTypes = MediaPurgeJobParameters.parseContentTypes(value);
				default -> throw new InvalidLaunchArgumentsException("Unknown argument '" + argument
						+ "'; accepted: dryRun=true|false, contentTypes=<name>[,<name>...]");
			}
		}
		JobExecution execution = this.launcher.run(dryRun, contentTypes);
		this.exitCode = (execution != null) ? ExitCodes.of(execution) : ExitCodes.REFUSED;
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
