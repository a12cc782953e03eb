package io.mediapurge.operations.launch;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The executions this process started or restarted, so that a shutdown can stop the ones
 * still running and wait for them.
 */
public final class LocalRuns {

	private static final Logger logger = LoggerFactory.getLogger(LocalRuns.class);

	private final Set<Long> executionIds = ConcurrentHashMap.newKeySet();

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	LocalRuns(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/**
	 * @param executionId an execution this process has just started or restarted
	 */
	void add(long executionId) {
		this.executionIds.removeIf(id -> !isRunning(id));
		this.executionIds.add(executionId);
	}

	/**
	 * @param executionId an execution
	 * @return whether this process started or restarted it and it is still running
	 */
	public boolean runsHere(long executionId) {
		return this.executionIds.contains(executionId) && isRunning(executionId);
	}

	/**
	 * @return whether one of them is still running
	 */
	public boolean anyRunning() {
		return this.executionIds.stream().anyMatch(this::isRunning);
	}

	/**
	 * Asks every one still running to stop after its current chunk and waits until they
	 * have ended.
	 * @param timeout how long to wait at most
	 * @return the ids of the executions asked to stop
	 */
	public List<Long> stopAndAwait(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Long> running = this.executionIds.stream().filter(this::isRunning).sorted().toList();
		for (long executionId : running) {
			try {
				this.jobOperator.stop(this.jobRepository.getJobExecution(executionId));
				logger.warn("Shutting down: asked execution {} to stop after its current chunk", executionId);
			}
			catch (Exception ex) {
				logger.warn("Could not ask execution {} to stop: {}", executionId, ex.toString());
			}
		}
		while (running.stream().anyMatch(this::isRunning) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return running;
	}

	private boolean isRunning(long executionId) {
		try {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			return execution != null && execution.isRunning();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
