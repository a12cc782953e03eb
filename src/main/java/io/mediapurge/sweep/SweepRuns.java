package io.mediapurge.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The in-memory state of each running execution of the sweep ({@link SweepRun}), by
 * execution id, dropped when the execution ends.
 */
final class SweepRuns implements JobExecutionListener {

	private final Map<Long, SweepRun> runs = new ConcurrentHashMap<>();

	void start(long executionId, SweepRun run) {
		this.runs.put(executionId, run);
	}

	/**
	 * @throws IllegalStateException when the execution's first step has not run in this
	 * process
	 */
	SweepRun of(long executionId) {
		SweepRun run = this.runs.get(executionId);
		if (run == null) {
			throw new IllegalStateException("Execution " + executionId + " of the sweep has no state in this process");
		}
		return run;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.runs.remove(jobExecution.getId());
	}

}
