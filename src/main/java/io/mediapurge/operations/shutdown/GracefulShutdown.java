package io.mediapurge.operations.shutdown;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.mediapurge.operations.launch.LocalRuns;
import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * A graceful stop on SIGTERM. Spring Boot's shutdown hook closes the application context;
 * this lifecycle bean stops first (the highest phase), before MongoDB, S3 and the job
 * repository are closed: it asks every execution this process runs to stop after its
 * current chunk (STOPPING, as an operator's stop) and waits for the run's thread to end
 * (at most {@code media-purge.shutdown.grace-period}), so the execution ends STOPPED and
 * can be restarted, and its lease is released. A one-shot run stopped this way then exits
 * with its own code (4, stopped; 5 if a content type had failed) rather than the JVM's
 * 143 ({@link #haltWithStoppedRunExitCode()}, a Spring Boot shutdown handler registered
 * by {@code main}).
 */
public class GracefulShutdown implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	private static volatile @Nullable Integer stoppedRunExitCode;

	private final PurgeLauncher launcher;

	private final @Nullable OneShotRun oneShot;

	private final Duration gracePeriod;

	private volatile boolean running;

	public GracefulShutdown(PurgeLauncher launcher, @Nullable OneShotRun oneShot, Duration gracePeriod) {
		this.launcher = launcher;
		this.oneShot = oneShot;
		this.gracePeriod = gracePeriod;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		boolean oneShotRunning = this.oneShot != null && this.oneShot.inProgress();
		LocalRuns runs = this.launcher.localRuns();
		if (!runs.anyRunning()) {
			return;
		}
		long deadline = System.nanoTime() + this.gracePeriod.toNanos();
		logger.warn("Shutting down while a run is in progress: stopping it after its current chunk (waiting up to {})",
				this.gracePeriod);
		List<Long> stopped = runs.stopAndAwait(this.gracePeriod);
		if (runs.anyRunning()) {
			logger.error("Execution(s) {} did not stop within {}; shutting down anyway. Recover and restart them.",
					stopped, this.gracePeriod);
			return;
		}
		logger.warn("Execution(s) {} stopped; restart them to finish", stopped);
		if (oneShotRunning && this.oneShot.awaitFinished(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
			stoppedRunExitCode = this.oneShot.getExitCode();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops first, before everything the job uses. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Runs after the application context is closed on SIGTERM: ends the JVM with the exit
	 * code of the one-shot run that was stopped gracefully, if any.
	 */
	public static void haltWithStoppedRunExitCode() {
		Integer code = stoppedRunExitCode;
		if (code != null) {
			System.out.flush();
			System.err.flush();
			Runtime.getRuntime().halt(code);
		}
	}

}
