package io.mediapurge.operations.launch;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The run whose thread is still alive in this process: at most one at a time, whatever
 * the job repository and the job's lease say. The lease keeps runs of different processes
 * apart, but a process can outlive its own lease (a stalled heartbeat, a lost database
 * connection) or see its execution recovered by another process while its thread still
 * runs; a second execution started here then would run beside it, on the same beans and
 * the same MongoDB and S3 clients. Only the thread's end counts here, so a run is
 * admitted (and recover, restart and abandon apply) only once the previous thread has
 * really finished.
 */
final class RunningHere {

	private static @Nullable LeasedRun current;

	private RunningHere() {
	}

	/**
	 * Admits a run that is about to start its thread.
	 * @param run the run
	 * @param refusal what was asked, for the message when refused ("Refusing to start
	 * mediaPurgeJob")
	 * @throws OperationRefusedException while another run's thread is alive here
	 */
	static synchronized void admit(LeasedRun run, String refusal) {
		if (current != null) {
			throw new OperationRefusedException(
					refusal + ": " + describe(current) + ". One execution at a time per process: wait for it to end.");
		}
		current = run;
	}

	/**
	 * @param run a run whose thread has ended (or never started)
	 */
	static synchronized void left(LeasedRun run) {
		if (current == run) {
			current = null;
		}
	}

	/**
	 * @return the run whose thread is alive in this process, if any
	 */
	static synchronized @Nullable LeasedRun current() {
		return current;
	}

	/**
	 * @param executionId an execution
	 * @return whether its thread is alive in this process
	 */
	static synchronized boolean runs(long executionId) {
		return current != null && current.executionId() == executionId;
	}

	/**
	 * @param executionId an execution
	 * @param action what was asked ("recover", "abandon")
	 * @throws OperationRefusedException while its thread is alive in this process
	 */
	static void requireEnded(long executionId, String action) {
		Optional<String> running = describeIfRunning(executionId);
		if (running.isPresent()) {
			throw new OperationRefusedException("Refusing to " + action + ": " + running.get() + ". Wait for it to end"
					+ (action.equals("recover") ? ", or stop it." : "."));
		}
	}

	private static synchronized Optional<String> describeIfRunning(long executionId) {
		return runs(executionId) ? Optional.of(describe(current)) : Optional.empty();
	}

	private static String describe(LeasedRun run) {
		long executionId = run.executionId();
		return ((executionId > 0) ? "execution " + executionId : "a run that is starting")
				+ " is still running in this process (its thread has not ended, whatever the job repository "
				+ "and the job's lease say)";
	}

}
