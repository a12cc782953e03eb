package io.mediapurge.operations.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.operations.shutdown.OneShotRun;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.sweep.plan.SweepPlans;

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

	private final @Nullable PurgeLauncher launcher;

	private final ExecutionControl control;

	private final ExecutionQueries queries;

	private final DryRunPlans plans;

	private final @Nullable SweepLauncher sweepLauncher;

	private final SweepPlans sweepPlans;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean started;

	private volatile ExitCodes exitCode = ExitCodes.COMPLETED;

	/**
	 * @param launcher the launcher, {@code null} in the application of the commands that
	 * need only the job repository
	 * @param sweepLauncher the sweep's launcher, {@code null} there too
	 * @param sweepPlans the sweep plans
	 */
	OneShotPurgeRunner(@Nullable PurgeLauncher launcher, ExecutionControl control, ExecutionQueries queries,
			DryRunPlans plans, @Nullable SweepLauncher sweepLauncher, SweepPlans sweepPlans) {
		this.sweepLauncher = sweepLauncher;
		this.sweepPlans = sweepPlans;
		this.launcher = launcher;
		this.control = control;
		this.queries = queries;
		this.plans = plans;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.started = true;
		try {
			List<String> arguments = new ArrayList<>(args.getNonOptionArgs());
			PurgeLauncher launcher = this.launcher;
			List<String> confirmations = arguments.stream().filter((argument) -> argument.startsWith(CONFIRM)).toList();
			// elsewhere than in a run the command line refuses it as unknown
			if (launcher != null && isRun(arguments) && !confirmations.isEmpty()) {
				String value = confirmations.get(0).substring(CONFIRM.length());
				if (confirmations.size() > 1 || !value.matches("[0-9]{1,18}")) {
					System.err.println("media-purge: " + CONFIRM + " must be given once, as a number of documents, got "
							+ confirmations);
					System.err.println();
					System.err.print(PurgeCommandLine.USAGE);
					this.exitCode = ExitCodes.CONFIGURATION_ERROR;
					return;
				}
				arguments.removeAll(confirmations);
				launcher = launcher.confirming(Long.parseLong(value));
			}
			this.exitCode = new PurgeCommandLine(launcher, this.control, this.queries, this.plans,
					new SweepCommandLine(this.sweepLauncher, this.sweepPlans, System.out, System.err), System.out,
					System.err)
				.execute(arguments);
		}
		finally {
			this.finished.countDown();
		}
	}

	private static boolean isRun(List<String> arguments) {
		return arguments.isEmpty() || !Set.of("executions", "sweep").contains(arguments.get(0))
				|| (arguments.size() > 1 && arguments.get(1).equals("start"));
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
