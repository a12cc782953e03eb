package io.mediapurge.operations;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

import io.mediapurge.operations.cli.ExecutionQueries;
import io.mediapurge.operations.cli.PurgeCommandLine;

/**
 * {@code java -jar media-purge.jar [dryRun=true] [contentTypes=gallery,article]} runs the
 * job once; {@code java -jar media-purge.jar executions <subcommand> ...} acts on
 * executions (see {@link PurgeCommandLine}). Remembers the exit code for {@code main}. A
 * launch refused because another execution holds the job's lease exits with
 * {@link ExitCodes#REFUSED}; any argument it does not know is refused with
 * {@link ExitCodes#CONFIGURATION_ERROR}, so a misspelt {@code dryRun} cannot turn into a
 * real purge.
 */
class OneShotPurgeRunner implements ApplicationRunner, ExitCodeGenerator {

	private final PurgeLauncher launcher;

	private final ExecutionQueries queries;

	private ExitCodes exitCode = ExitCodes.COMPLETED;

	OneShotPurgeRunner(PurgeLauncher launcher, ExecutionQueries queries) {
		this.launcher = launcher;
		this.queries = queries;
	}

	@Override
	public void run(ApplicationArguments args) {
		PurgeCommandLine commandLine = new PurgeCommandLine(this.launcher, this.queries, System.out, System.err);
		this.exitCode = commandLine.execute(args.getNonOptionArgs());
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
