package io.mediapurge.operations.launch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseUnavailableException;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * Which operator action applies to an execution in which state, and the message when it
 * does not: the rules {@link PurgeLauncher} and {@link ExecutionControl} share.
 */
final class ExecutionRules {

	/** The jobs whose executions the operator's actions apply to. */
	static final Set<String> JOB_NAMES = Set.of(MediaPurgeJobConfiguration.JOB_NAME,
			OrphanSweepJobConfiguration.JOB_NAME);

	private ExecutionRules() {
	}

	/**
	 * @param jobRepository the job repository
	 * @param executionId an execution of the purge job or the orphan sweep
	 * @return it, as the job repository has it now
	 * @throws ExecutionNotFoundException when the repository has no such execution of the
	 * job
	 */
	static JobExecution execution(JobRepository jobRepository, long executionId) {
		JobExecution execution;
		try {
			execution = jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null || !JOB_NAMES.contains(execution.getJobInstance().getJobName())) {
			throw new ExecutionNotFoundException(executionId);
		}
		return execution;
	}

	/**
	 * Takes the job's lease for an action that must not overlap a run.
	 * @param lease the job's lease
	 * @param refusal what was asked, for the message when refused
	 * @return the held lease
	 * @throws OperationRefusedException when a live holder has it
	 */
	static HeldLease takeLease(JobLease lease, String refusal) {
		try {
			return lease.acquire(refusal);
		}
		catch (LeaseUnavailableException ex) {
			throw new OperationRefusedException(ex.getMessage(), ex);
		}
	}

	/**
	 * @param jobRepository the job repository
	 * @param execution the execution
	 * @param leaseLive whether a live process holds the job's lease
	 * @param runningHere whether its thread is still alive in this process
	 * @return the actions that apply now: {@code restart}, {@code stop}, {@code recover},
	 * {@code abandon}. None while it is STOPPING: restart and abandon apply once it is
	 * really STOPPED. None either while its thread still runs in this process although
	 * the repository says it ended (recovered elsewhere).
	 */
	static List<String> actions(JobRepository jobRepository, JobExecution execution, boolean leaseLive,
			boolean runningHere) {
		List<String> actions = new ArrayList<>();
		BatchStatus status = execution.getStatus();
		if (status.isRunning()) {
			if (status == BatchStatus.STOPPING) {
				if (!leaseLive && !runningHere) {
					actions.add("recover");
				}
			}
			else if (leaseLive || runningHere) {
				actions.add("stop");
			}
			else {
				actions.add("recover");
			}
		}
		else if (!runningHere && (status == BatchStatus.FAILED || status == BatchStatus.STOPPED)) {
			if (laterExecution(jobRepository, execution) == null) {
				actions.add("restart");
			}
			actions.add("abandon");
		}
		return actions;
	}

	static JobExecution requireRestartable(JobRepository jobRepository, JobExecution execution) {
		BatchStatus status = execution.getStatus();
		@Nullable String refusal = switch (status) {
			case FAILED, STOPPED -> null;
			case COMPLETED -> "it completed; start a new run instead";
			case ABANDONED -> "it was abandoned, and an abandoned run is never restarted; start a new run instead";
			case STARTING, STARTED -> "it is still running, or the process that ran it is gone (then recover it first)";
			case STOPPING -> "it is STOPPING: it stops at the end of its current chunk; restart it once it is STOPPED "
					+ "(or recover it first if the process that ran it is gone)";
			default -> "only a FAILED or STOPPED execution can be restarted";
		};
		if (refusal == null) {
			JobExecution later = laterExecution(jobRepository, execution);
			if (later != null) {
				refusal = "it was already restarted as execution " + later.getId() + " (" + later.getStatus() + ")";
			}
		}
		if (refusal != null) {
			throw new OperationRefusedException(
					"Cannot restart execution " + execution.getId() + " (" + status + "): " + refusal);
		}
		return execution;
	}

	static JobExecution requireRunning(JobExecution execution, String action) {
		if (!execution.isRunning()) {
			throw new OperationRefusedException("Execution " + execution.getId() + " is " + execution.getStatus()
					+ ", not running: nothing to " + action);
		}
		return execution;
	}

	private static @Nullable JobExecution laterExecution(JobRepository jobRepository, JobExecution execution) {
		return jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.filter(other -> other.getId() > execution.getId())
			.max(Comparator.comparingLong(JobExecution::getId))
			.orElse(null);
	}

}
