package io.mediapurge.operations.launch;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.purge.MediaPurgeJobConfiguration;

/**
 * Stops, recovers and abandons executions of the purge job, and says which of those
 * actions (and restart, see {@link PurgeLauncher}) apply to an execution now. Needs the
 * job repository and the job's lease, never the job itself, so it runs in any process
 * sharing the repository, not only the one running the execution.
 *
 * <p>
 * Each action throws {@link ExecutionNotFoundException} for an unknown id and
 * {@link OperationRefusedException} (with a message for a person) when it does not apply.
 */
public class ExecutionControl {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionControl.class);

	private static final String JOB = MediaPurgeJobConfiguration.JOB_NAME;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JobLease lease;

	private final StopRequests stops;

	ExecutionControl(JobOperator jobOperator, JobRepository jobRepository, JobLease lease, StopRequests stops) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.lease = lease;
		this.stops = stops;
	}

	/**
	 * Marks an execution left running by a killed process FAILED, so it can be restarted.
	 * Refused while a live process holds the job's lease (a killed process's lease lapses
	 * after {@code media-purge.lease.ttl}), and while its thread still runs in this
	 * process.
	 * @param executionId the execution
	 * @return the recovered execution
	 */
	public JobExecution recover(long executionId) {
		ExecutionRules.requireRunning(execution(executionId), "recover");
		try (HeldLease held = ExecutionRules.takeLease(this.lease,
				"Cannot recover execution " + executionId + " yet")) {
			JobExecution execution = ExecutionRules.requireRunning(execution(executionId), "recover");
			RunningHere.requireEnded(executionId, "recover");
			BatchStatus left = execution.getStatus();
			JobExecution recovered = this.jobOperator.recover(execution);
			logger.warn("Recovered execution {} of {} left {} by a process that is gone: now {}; restart it to finish",
					executionId, JOB, left, recovered.getStatus());
			return recovered;
		}
	}

	/**
	 * Asks a running execution to stop at the end of its current chunk, in whichever
	 * process runs it ({@link StopRequests}). The execution is STOPPING until its steps
	 * have really stopped, then STOPPED; restart and abandon apply only then.
	 * @param executionId the execution
	 * @return the execution, STOPPING
	 */
	public JobExecution stop(long executionId) {
		JobExecution execution = execution(executionId);
		if (execution.getStatus() == BatchStatus.STOPPING) {
			throw new OperationRefusedException(
					"Execution " + executionId + " is already STOPPING: it stops at the end of its current chunk");
		}
		ExecutionRules.requireRunning(execution, "stop");
		if (!RunningHere.runs(executionId) && currentLease().filter(LeaseState::live).isEmpty()) {
			throw new OperationRefusedException("Execution " + executionId + " is " + execution.getStatus()
					+ " but no process holds the job's lease: the process that ran it is gone. Recover it instead.");
		}
		if (!this.stops.request(executionId)) {
			JobExecution now = execution(executionId);
			throw new OperationRefusedException("Execution " + executionId + " is " + now.getStatus()
					+ ((now.getStatus() == BatchStatus.STOPPING) ? " already" : ", not running: nothing to stop"));
		}
		logger.info("Asked execution {} of {} to stop after its current chunk: STOPPING until its steps have stopped",
				executionId, JOB);
		return execution(executionId);
	}

	/**
	 * Marks a FAILED or STOPPED execution ABANDONED, so it is never restarted. Refused
	 * while it is STOPPING (it is still running) and while its thread still runs in this
	 * process, so an abandoned execution never deletes anything more.
	 * @param executionId the execution
	 * @return the execution
	 */
	public JobExecution abandon(long executionId) {
		JobExecution execution = execution(executionId);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.STOPPING) {
			throw new OperationRefusedException("Execution " + executionId
					+ " is STOPPING: it stops at the end of its current chunk; restart or abandon it once it is STOPPED");
		}
		if (status.isRunning()) {
			throw new OperationRefusedException("Execution " + executionId + " is " + status
					+ ": stop it first, or recover it if the process that ran it is gone");
		}
		RunningHere.requireEnded(executionId, "abandon");
		if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED && status != BatchStatus.UNKNOWN) {
			throw new OperationRefusedException("Execution " + executionId + " is " + status
					+ ": only a FAILED or STOPPED execution can be abandoned");
		}
		try {
			JobExecution abandoned = this.jobOperator.abandon(execution);
			logger.info("Abandoned execution {} of {}", executionId, JOB);
			return abandoned;
		}
		catch (Exception ex) {
			throw new OperationRefusedException("Cannot abandon execution " + executionId + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * What an operator can do with an execution now: {@code restart}, {@code stop},
	 * {@code recover}, {@code abandon}. Stop applies only while a live process holds the
	 * job's lease (or its thread runs here), recover only once none does; nothing while
	 * it is STOPPING.
	 * @param executionId the execution
	 * @return the actions that apply
	 */
	public List<String> actions(long executionId) {
		return ExecutionRules.actions(this.jobRepository, execution(executionId),
				currentLease().filter(LeaseState::live).isPresent(), RunningHere.runs(executionId));
	}

	/**
	 * @return the job's lease as it is now (live or not), empty when never taken
	 */
	public Optional<LeaseState> currentLease() {
		return this.lease.current();
	}

	/**
	 * @param executionId an execution of the purge job
	 * @return it, as the job repository has it now
	 * @throws ExecutionNotFoundException when the repository has no such execution of the
	 * job
	 */
	public JobExecution execution(long executionId) {
		return ExecutionRules.execution(this.jobRepository, executionId);
	}

}
