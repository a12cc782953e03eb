package io.mediapurge.operations.launch;

import java.time.LocalDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Asks a running execution to stop, in whichever process runs it, the way its steps
 * notice: the execution is marked STOPPING in the job repository, and nothing else is
 * written. A chunk-oriented step reads its execution's status each time it saves its
 * progress, at the end of every chunk; seeing STOPPING it ends after that chunk (its step
 * execution STOPPED), the steps not yet started are never started, and the job's own
 * thread marks the execution STOPPED once every step has stopped. Until then the
 * execution stays STOPPING, which the writer's delete fence reads as "delete nothing
 * more".
 *
 * <p>
 * Not {@code JobOperator.stop}: in Spring Batch 6.0.6 it sets the execution's end time
 * along with STOPPING, and the repository's update turns "STOPPING with an end time" into
 * STOPPED at once; it also marks the running steps STOPPED, with an end time, from the
 * caller's thread. The execution was then reported STOPPED, restartable and abandonable
 * while its step still ran, and the running step's next save failed on the version the
 * caller had bumped.
 *
 * <p>
 * The update is conditional, so a request never overwrites an execution that has ended or
 * is already stopping, and it raises the row's version, which is what makes the running
 * job re-read the status.
 */
final class StopRequests {

	private static final String STOP = "UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPING', VERSION = VERSION + 1, "
			+ "LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED')";

	private final JdbcTemplate jdbc;

	StopRequests(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param executionId an execution
	 * @return whether it was STARTING or STARTED and is now STOPPING
	 */
	boolean request(long executionId) {
		// the repository's own timestamps are local date-times of the JVM's time zone
		return this.jdbc.update(STOP, LocalDateTime.now(), executionId) == 1;
	}

}
