package io.mediapurge.operations.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.shutdown.OneShotRun;
import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * {@code java -jar media-purge.jar [dryRun=true] [contentTypes=gallery,article]} runs the
 * job once; {@code java -jar media-purge.jar executions <subcommand> ...} acts on
 * executions (see {@link PurgeCommandLine}). Remembers the exit code for {@code main}. A
 * launch refused because another execution holds the job's lease exits with
 * {@link ExitCodes#REFUSED}; any argument it does not know is refused with
 * {@link ExitCodes#CONFIGURATION_ERROR}, so a misspelt {@code dryRun} cannot turn into a
 * real purge. A run (or {@code executions start}) accepts {@code confirmDeleteCount=<n>},
 * the due total that confirms a run the blast-radius guard refused
 * ({@link ExitCodes#GUARD_TRIPPED}).
 */
class OneShotPurgeRunner implements ApplicationRunner, OneShotRun {

	private static final String CONFIRM = MediaPurgeJobParameters.CONFIRM_DELETE_COUNT + "=";

	private final PurgeLauncher launcher;

	private final ExecutionControl control;

	private final ExecutionQueries queries;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean started;

	private volatile ExitCodes exitCode = ExitCodes.COMPLETED;

	OneShotPurgeRunner(PurgeLauncher launcher, ExecutionControl control, ExecutionQueries queries) {
		this.launcher = launcher;
		this.control = control;
		this.queries = queries;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.started = true;
		try {
			List<String> arguments = new ArrayList<>(args.getNonOptionArgs());
			PurgeLauncher confirmed = confirmed(arguments);
			if (confirmed == null) {
				this.exitCode = ExitCodes.CONFIGURATION_ERROR;
				return;
			}
			PurgeCommandLine commandLine = new PurgeCommandLine(confirmed, this.control, this.queries, System.out,
					System.err);
			this.exitCode = commandLine.execute(arguments);
		}
		finally {
			this.finished.countDown();
		}
	}

	/**
	 * Takes {@code confirmDeleteCount=<n>} out of the arguments of a run.
	 * @return the launcher to use, {@code null} when the confirmation is malformed
	 */
	private PurgeLauncher confirmed(List<String> arguments) {
		boolean run = arguments.isEmpty() || !arguments.get(0).equals("executions")
				|| (arguments.size() > 1 && arguments.get(1).equals("start"));
		List<String> confirmations = arguments.stream().filter(argument -> argument.startsWith(CONFIRM)).toList();
		if (!run || confirmations.isEmpty()) {
			return this.launcher; // elsewhere the command line refuses it as unknown
		}
		String value = confirmations.get(0).substring(CONFIRM.length());
		if (confirmations.size() > 1 || !value.matches("[0-9]{1,18}")) {
			System.err.println(
					"media-purge: " + CONFIRM + " must be given once, as a number of documents, got " + confirmations);
			System.err.println();
			System.err.print(PurgeCommandLine.USAGE);
			return null;
		}
		arguments.removeAll(confirmations);
		return this.launcher.confirming(Long.parseLong(value));
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

	@Override
	public boolean inProgress() {
		return this.started && this.finished.getCount() > 0;
	}

	@Override
	public boolean awaitFinished(Duration timeout) {
		try {
			return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
