package io.mediapurge.operations.launch;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.purge.PurgeProperties;

/**
 * Starts and restarts runs of the purge job ({@link ExecutionControl} stops, recovers and
 * abandons them). Every start and restart first takes the job's lease ({@link JobLease}),
 * so at most one execution runs at a time across every process sharing the job
 * repository, and gives it up when the execution ends; and in this process it is refused
 * while the thread of an earlier run is still alive ({@link RunningHere}), whatever the
 * repository and the lease say. Every launch is a new job instance (its
 * {@code launchedAt} is unique) carrying all its parameters as identifying ones, so
 * nothing can be dropped on the way.
 *
 * <p>
 * Each action throws {@link ExecutionNotFoundException} for an unknown id and
 * {@link OperationRefusedException} (with a message for a person) when it does not apply,
 * including when the lease is held.
 */
public class PurgeLauncher {

	private static final Logger logger = LoggerFactory.getLogger(PurgeLauncher.class);

	private static final String JOB = MediaPurgeJobConfiguration.JOB_NAME;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final ContentCatalogue catalogue;

	private final PurgeProperties properties;

	private final Clock clock;

	private final JobLease lease;

	/** Executions started or restarted by this process, possibly still running. */
	private final LocalRuns local;

	private final StopRequests stops;

	private final @Nullable Long confirmDeleteCount;

	PurgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, ContentCatalogue catalogue,
			PurgeProperties properties, Clock clock, JobLease lease, StopRequests stops) {
		this(jobOperator, jobRepository, job, catalogue, properties, clock, lease, new LocalRuns(stops), stops, null);
	}

	private PurgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, ContentCatalogue catalogue,
			PurgeProperties properties, Clock clock, JobLease lease, LocalRuns local, StopRequests stops,
			@Nullable Long confirmDeleteCount) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.catalogue = catalogue;
		this.properties = properties;
		this.clock = clock;
		this.lease = lease;
		this.local = local;
		this.stops = stops;
		this.confirmDeleteCount = confirmDeleteCount;
	}

	/**
	 * This launcher with every new run confirmed for the blast-radius guard: the runs it
	 * starts carry the identifying parameter {@code confirmDeleteCount}.
	 * @param count the due total the operator confirms
	 * @return a launcher that starts confirmed runs
	 */
	public PurgeLauncher confirming(long count) {
		return new PurgeLauncher(this.jobOperator, this.jobRepository, this.job, this.catalogue, this.properties,
				this.clock, this.lease, this.local, this.stops, count);
	}

	/**
	 * Runs the job now, confirmed for the blast-radius guard, and waits for it to end.
	 * @param dryRun report only, delete nothing
	 * @param contentTypes content types to purge, empty for all
	 * @param confirmDeleteCount the due total the operator confirms, or {@code null}
	 * @return the ended execution
	 */
	public JobExecution run(boolean dryRun, Set<String> contentTypes, @Nullable Long confirmDeleteCount) {
		return start(dryRun, contentTypes, confirmDeleteCount).await();
	}

	/**
	 * Runs the job now and waits for it to end.
	 * @param dryRun report only, delete nothing
	 * @param contentTypes content types to purge, empty for all
	 * @return the ended execution
	 * @throws InvalidLaunchArgumentsException for an unknown content type
	 * @throws OperationRefusedException when another execution holds the job's lease
	 */
	public JobExecution run(boolean dryRun, Set<String> contentTypes) {
		return start(dryRun, contentTypes, this.confirmDeleteCount).await();
	}

	/**
	 * Starts a run on a background thread and returns once its execution exists.
	 * @param dryRun report only, delete nothing
	 * @param contentTypes content types to purge, empty for all
	 * @return the new execution's id
	 */
	public long startInBackground(boolean dryRun, Set<String> contentTypes) {
		return start(dryRun, contentTypes, this.confirmDeleteCount).executionId();
	}

	/**
	 * Restarts a FAILED or STOPPED execution and waits for it to end.
	 * @param executionId the execution to restart
	 * @return the new execution of the same job instance, ended
	 */
	public JobExecution restart(long executionId) {
		return restartRun(executionId).await();
	}

	/**
	 * Restarts a FAILED or STOPPED execution on a background thread.
	 * @param executionId the execution to restart
	 * @return the new execution's id
	 */
	public long restartInBackground(long executionId) {
		return restartRun(executionId).executionId();
	}

	/**
	 * @return the executions this process started or restarted
	 */
	public LocalRuns localRuns() {
		return this.local;
	}

	private LeasedRun start(boolean dryRun, Set<String> contentTypes, @Nullable Long confirmDeleteCount) {
		Set<String> unknown = new TreeSet<>(contentTypes);
		unknown.removeAll(this.catalogue.names());
		if (!unknown.isEmpty()) {
			throw new InvalidLaunchArgumentsException(
					"Unknown content types " + unknown + "; known: " + this.catalogue.names());
		}
		JobParameters parameters = new MediaPurgeJobParameters(this.clock.instant(), this.properties.gracePeriod(),
				dryRun, contentTypes)
			.toJobParameters();
		if (confirmDeleteCount != null) {
			parameters = new JobParametersBuilder(parameters)
				.addLong(MediaPurgeJobParameters.CONFIRM_DELETE_COUNT, confirmDeleteCount)
				.toJobParameters();
		}
		JobParameters launched = parameters;
		String refusal = "Refusing to start " + JOB;
		HeldLease held = ExecutionRules.takeLease(this.lease, refusal);
		try {
			warnAboutOrphans();
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
		return track(new LeasedRun(held, "run of " + JOB, refusal, () -> this.jobOperator.start(this.job, launched),
				() -> this.jobRepository.getLastJobExecution(JOB, launched), this::stopAfterLostLease));
	}

	private LeasedRun restartRun(long executionId) {
		ExecutionRules.requireRestartable(this.jobRepository, execution(executionId));
		String refusal = "Refusing to restart execution " + executionId;
		HeldLease held = ExecutionRules.takeLease(this.lease, refusal);
		try {
			// again under the lease: another process may have restarted it meanwhile
			JobExecution execution = ExecutionRules.requireRestartable(this.jobRepository, execution(executionId));
			long before = this.jobRepository.getJobExecutions(execution.getJobInstance())
				.stream()
				.mapToLong(JobExecution::getId)
				.max()
				.orElse(executionId);
			return track(new LeasedRun(held, "restart of execution " + executionId, refusal,
					() -> this.jobOperator.restart(execution), () -> {
						JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
						return (last != null && last.getId() > before) ? last : null;
					}, this::stopAfterLostLease));
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
	}

	private LeasedRun track(LeasedRun run) {
		this.local.add(run);
		return run;
	}

	/** Under the lease: any execution still marked running was left by a dead process. */
	private void warnAboutOrphans() {
		List<Long> orphans = this.jobRepository.findRunningJobExecutions(JOB)
			.stream()
			.map(JobExecution::getId)
			.sorted()
			.toList();
		if (!orphans.isEmpty()) {
			logger.warn("Execution(s) {} of {} are still marked running, but no process holds the job's lease: the "
					+ "process that ran them is gone. Recover them ('executions recover <id>'), then restart or "
					+ "abandon them.", orphans, JOB);
		}
	}

	private void stopAfterLostLease(long executionId) {
		try {
			if (this.stops.request(executionId)) {
				logger.error("Stopping execution {} of {} after its current chunk: this process lost the job's lease",
						executionId, JOB);
			}
		}
		catch (Exception ex) {
			logger.error("Could not stop execution {} after losing the job's lease", executionId, ex);
		}
	}

	/**
	 * An execution of the purge: one of the sweep is restarted by {@link SweepLauncher}.
	 */
	private JobExecution execution(long executionId) {
		JobExecution execution = ExecutionRules.execution(this.jobRepository, executionId);
		if (!execution.getJobInstance().getJobName().equals(JOB)) {
			throw new ExecutionNotFoundException(executionId);
		}
		return execution;
	}

}
