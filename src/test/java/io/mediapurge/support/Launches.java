package io.mediapurge.support;

import java.time.Duration;
import java.util.function.Supplier;

import io.mediapurge.operations.launch.OperationRefusedException;

/**
 * Launches in tests that run one execution right after another: the run's thread gives
 * the job's lease up just after the execution it waited for has ended, so a launch at
 * that very moment may be refused. Such a refusal is retried for a few seconds; any other
 * refusal fails the test at once.
 */
public final class Launches {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private Launches() {
	}

	public static <T> T whenLeaseFree(Supplier<T> launch) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			try {
				return launch.get();
			}
			catch (OperationRefusedException ex) {
				if (!String.valueOf(ex.getMessage()).contains("lease is held") || System.nanoTime() > deadline) {
					throw ex;
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
