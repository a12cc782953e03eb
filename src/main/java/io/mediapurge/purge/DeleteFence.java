package io.mediapurge.purge;

/**
 * Asked right before each S3 DeleteObjects and each hard delete of the purge job, and
 * each DeleteObjects of the orphan sweep's apply (which runs under the same lease): may
 * this execution still delete? It may not once its execution is no longer running (asked
 * to stop, abandoned, recovered by another process) or once its process no longer holds
 * the job's lease, since another process may be purging by then. The launcher's lease
 * implements it ({@code operations/launch}); this package only asks.
 */
@FunctionalInterface
public interface DeleteFence {

	/** A fence that always lets deletes through, for a job run without a launcher. */
	DeleteFence NONE = jobExecutionId -> {
	};

	/**
	 * @param jobExecutionId the execution about to delete
	 * @throws DeleteFencedException when it must delete nothing more: the step fails at
	 * once, its chunk rolls back, and what it claimed stays claimed for the next run
	 */
	void check(long jobExecutionId);

}
