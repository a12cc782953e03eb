package io.mediapurge.operations.launch;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this process started or restarted, so that a shutdown can stop the ones still
 * running and wait for them. A run counts as running until its thread has ended, whatever
 * the job repository says.
 */
public final class LocalRuns {

	private static final Logger logger = LoggerFactory.getLogger(LocalRuns.class);

	private final Set<LeasedRun> runs = ConcurrentHashMap.newKeySet();

	private final StopRequests stops;

	LocalRuns(StopRequests stops) {
		this.stops = stops;
	}

	/**
	 * @param run a run this process has just started or restarted
	 */
	void add(LeasedRun run) {
		this.runs.removeIf((other) -> !other.isAlive());
		this.runs.add(run);
	}

	/**
	 * @param executionId an execution
	 * @return whether this process started or restarted it and it is still running
	 */
	public boolean runsHere(long executionId) {
		return this.runs.stream().anyMatch((run) -> run.executionId() == executionId && run.isAlive());
	}

	/**
	 * @return whether one of them is still running
	 */
	public boolean anyRunning() {
		return this.runs.stream().anyMatch(LeasedRun::isAlive);
	}

	/**
	 * Asks every one still running to stop after its current chunk ({@link StopRequests})
	 * and waits until their threads have ended.
	 * @param timeout how long to wait at most
	 * @return the ids of the executions asked to stop
	 */
	public List<Long> stopAndAwait(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<LeasedRun> running = this.runs.stream()
			.filter(LeasedRun::isAlive)
			.sorted(Comparator.comparingLong(LeasedRun::executionId))
			.toList();
		for (LeasedRun run : running) {
			if (this.stops.request(run.executionId())) {
				logger.warn("Shutting down: asked execution {} to stop after its current chunk", run.executionId());
			}
			else {
				logger.warn("Shutting down: execution {} is no longer STARTED in the job repository; "
						+ "waiting for its thread to end", run.executionId());
			}
		}
		for (LeasedRun run : running) {
			run.awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
		}
		return running.stream().map(LeasedRun::executionId).toList();
	}

}
