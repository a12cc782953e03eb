package io.mediapurge.operations.shutdown;

import java.time.Duration;

/**
 * The one-shot command line as the graceful shutdown sees it.
 */
public interface OneShotRun {

	/**
	 * @return whether the command is still executing
	 */
	boolean inProgress();

	/**
	 * Waits for the command to finish (its report printed, its exit code known).
	 * @param timeout how long to wait at most
	 * @return whether it finished
	 */
	boolean awaitFinished(Duration timeout);

	/**
	 * @return the process's exit code, once finished
	 */
	int exitCode();

}
