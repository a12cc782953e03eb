package io.mediapurge.operations.shutdown;

import java.time.Duration;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The one-shot command line as the graceful shutdown sees it; its exit code is
 * {@link #getExitCode()} once finished.
 */
public interface OneShotRun extends ExitCodeGenerator {

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

}
