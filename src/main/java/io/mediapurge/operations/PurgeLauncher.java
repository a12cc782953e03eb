package io.mediapurge.operations;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.purge.PurgeProperties;

/**
 * Starts runs of the purge job. Every launch is a new job instance (its
 * {@code launchedAt} is unique) carrying all its parameters as identifying ones, so
 * nothing can be dropped on the way.
 */
public class PurgeLauncher {

	private static final Logger logger = LoggerFactory.getLogger(PurgeLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final ContentCatalogue catalogue;

	private final PurgeProperties properties;

	private final Clock clock;

	public PurgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, ContentCatalogue catalogue,
			PurgeProperties properties, Clock clock) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.catalogue = catalogue;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Restarts a FAILED or STOPPED execution and waits for it to end.
	 * @param executionId the execution to restart
	 * @return the new execution of the same job instance
	 * @throws ExecutionNotFoundException for an unknown id
	 * @throws OperationRefusedException when the execution cannot be restarted (and why)
	 */
	public JobExecution restart(long executionId) {
		JobExecution execution = existing(executionId);
		try {
			return this.jobOperator.restart(execution);
		}
		catch (Exception ex) {
			throw new OperationRefusedException(
					"Cannot restart execution " + executionId + " (" + execution.getStatus() + "): " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Marks an execution left STARTED by a killed process as FAILED, so it can be
	 * restarted.
	 * @param executionId the execution
	 * @return the recovered execution
	 */
	public JobExecution recover(long executionId) {
		JobExecution execution = existing(executionId);
		if (!execution.isRunning()) {
			throw new OperationRefusedException(
					"Execution " + executionId + " is " + execution.getStatus() + ", not running: nothing to recover");
		}
		return this.jobOperator.recover(execution);
	}

	/**
	 * Starts a run on a background thread and returns once its execution exists.
	 * @param dryRun report only, delete nothing
	 * @param contentTypes content types to purge, empty for all
	 * @return the new execution's id
	 */
	public long startInBackground(boolean dryRun, Set<String> contentTypes) {
		Set<String> unknown = new TreeSet<>(contentTypes);
		unknown.removeAll(this.catalogue.names());
		if (!unknown.isEmpty()) {
			throw new InvalidLaunchArgumentsException(
					"Unknown content types " + unknown + "; known: " + this.catalogue.names());
		}
		refuseWhileRunning();
		MediaPurgeJobParameters parameters = new MediaPurgeJobParameters(this.clock.instant(),
				this.properties.gracePeriod(), dryRun, contentTypes);
		JobParameters jobParameters = parameters.toJobParameters();
		new Thread(() -> {
			try {
				this.jobOperator.start(this.job, jobParameters);
			}
			catch (Exception ex) {
				logger.error("Run with parameters {} failed to start", jobParameters, ex);
			}
		}, "purge-run").start();
		return awaitExecution(
				() -> this.jobRepository.getLastJobExecution(MediaPurgeJobConfiguration.JOB_NAME, jobParameters));
	}

	/**
	 * Restarts a FAILED or STOPPED execution on a background thread.
	 * @param executionId the execution to restart
	 * @return the new execution's id
	 */
	public long restartInBackground(long executionId) {
		JobExecution execution = existing(executionId);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new OperationRefusedException("Execution " + executionId + " is " + execution.getStatus()
					+ ": only a FAILED or STOPPED execution can be restarted");
		}
		refuseWhileRunning();
		new Thread(() -> {
			try {
				this.jobOperator.restart(execution);
			}
			catch (Exception ex) {
				logger.error("Restart of execution {} failed", executionId, ex);
			}
		}, "purge-restart").start();
		return awaitExecution(() -> {
			JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
			return (last != null && last.getId() != executionId) ? last : null;
		});
	}

	/**
	 * Asks a running execution to stop at the end of its current chunk.
	 * @param executionId the execution
	 * @return the execution
	 */
	public JobExecution stop(long executionId) {
		JobExecution execution = existing(executionId);
		try {
			this.jobOperator.stop(execution);
			return this.jobRepository.getJobExecution(executionId);
		}
		catch (Exception ex) {
			throw new OperationRefusedException(
					"Cannot stop execution " + executionId + " (" + execution.getStatus() + "): " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Marks a stopped or failed execution ABANDONED, so it is never restarted.
	 * @param executionId the execution
	 * @return the execution
	 */
	public JobExecution abandon(long executionId) {
		JobExecution execution = existing(executionId);
		try {
			return this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			throw new OperationRefusedException(
					"Cannot abandon execution " + executionId + " (" + execution.getStatus() + "): " + ex.getMessage(),
					ex);
		}
	}

	private void refuseWhileRunning() {
		Set<JobExecution> running = this.jobRepository.findRunningJobExecutions(MediaPurgeJobConfiguration.JOB_NAME);
		if (!running.isEmpty()) {
			throw new OperationRefusedException("Another run is in progress: execution(s) "
					+ running.stream().map(JobExecution::getId).sorted().toList());
		}
	}

	private static long awaitExecution(java.util.function.Supplier<JobExecution> lookup) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			JobExecution execution = lookup.get();
			if (execution != null) {
				return execution.getId();
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("The run did not start within 30 seconds; see the log");
	}

	private JobExecution existing(long executionId) {
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null || !execution.getJobInstance().getJobName().equals(MediaPurgeJobConfiguration.JOB_NAME)) {
			throw new ExecutionNotFoundException(executionId);
		}
		return execution;
	}

	/**
	 * Runs the job now and waits for it to end.
	 * @param dryRun report only, delete nothing
	 * @param contentTypes content types to purge, empty for all
	 * @return the execution, or {@code null} when refused because another one is running
	 * @throws InvalidLaunchArgumentsException for an unknown content type
	 */
	public JobExecution run(boolean dryRun, Set<String> contentTypes) {
		Set<String> unknown = new TreeSet<>(contentTypes);
		unknown.removeAll(this.catalogue.names());
		if (!unknown.isEmpty()) {
			throw new InvalidLaunchArgumentsException(
					"Unknown content types " + unknown + "; known: " + this.catalogue.names());
		}
		Set<JobExecution> running = this.jobRepository.findRunningJobExecutions(MediaPurgeJobConfiguration.JOB_NAME);
		if (!running.isEmpty()) {
			logger.error(
					"Refusing to start {}: execution(s) {} are still running on this job repository. If their process "
							+ "is gone, recover them first.",
					MediaPurgeJobConfiguration.JOB_NAME, running.stream().map(JobExecution::getId).sorted().toList());
			return null;
		}
		MediaPurgeJobParameters parameters = new MediaPurgeJobParameters(this.clock.instant(),
				this.properties.gracePeriod(), dryRun, contentTypes);
		try {
			return this.jobOperator.start(this.job, parameters.toJobParameters());
		}
		catch (JobExecutionAlreadyRunningException ex) {
			logger.error("Refusing to start {}: {}", MediaPurgeJobConfiguration.JOB_NAME, ex.getMessage());
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Could not start " + MediaPurgeJobConfiguration.JOB_NAME + ": " + ex.getMessage(), ex);
		}
	}

}
