package io.mediapurge.operations.launch;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.purge.DeleteFence;
import io.mediapurge.purge.DeleteFencedException;

/**
 * The purge job's and the sweep apply's fence before each delete, read from the job
 * repository: the execution must still be running (STARTING, STARTED, or STOPPING: a stop
 * lets the chunk in hand finish and stops at the chunk's end, so nothing is left half
 * done; not ABANDONED, not FAILED by another process's recover, which abandon and recover
 * only reach once the steps have really stopped), and the run's lease must still be this
 * process's, which the check renews
 * ({@link io.mediapurge.operations.lease.HeldLease#confirm()}), so no other process can
 * take it for its time to live. An execution started without the launcher (Spring Batch's
 * own tools) holds no lease: it may delete only while no other process holds one.
 */
final class LeaseFence implements DeleteFence {

	private static final Logger logger = LoggerFactory.getLogger(LeaseFence.class);

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private final JdbcTemplate jdbc;

	private final JobLease lease;

	LeaseFence(JdbcTemplate jdbc, JobLease lease) {
		this.jdbc = jdbc;
		this.lease = lease;
	}

	@Override
	public void check(long jobExecutionId) {
		List<String> status = this.jdbc.queryForList(
				"SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, jobExecutionId);
		if (status.size() != 1 || !RUNNING.contains(status.get(0))) {
			throw refused(jobExecutionId,
					"it is " + (status.isEmpty() ? "unknown" : status.get(0)) + " in the job repository");
		}
		LeasedRun run = RunningHere.current();
		if (run != null) {
			if (!run.lease().confirm()) {
				throw refused(jobExecutionId, "this process no longer holds the job's lease " + this.lease.name());
			}
			return;
		}
		Optional<LeaseState> held = this.lease.current().filter(LeaseState::live);
		if (held.isPresent()) {
			throw refused(jobExecutionId, "it runs without the job's lease, which " + held.get().holder() + " holds");
		}
	}

	private static DeleteFencedException refused(long jobExecutionId, String why) {
		String message = "Execution " + jobExecutionId + " deletes nothing more: " + why
				+ ". What its chunk claimed stays claimed for the next run.";
		logger.error(message);
		return new DeleteFencedException(message);
	}

}
