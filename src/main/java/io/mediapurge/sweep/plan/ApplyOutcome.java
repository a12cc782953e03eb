package io.mediapurge.sweep.plan;

/**
 * What an apply did with one key of its plan.
 */
public enum ApplyOutcome {

	/** S3 confirmed the delete. */
	DELETED,

	/** The listing at apply time no longer held the key: nothing to delete. */
	GONE,

	/** Kept: its ETag or LastModified differs from the plan's (overwritten since). */
	KEPT_CHANGED,

	/** Kept: a document shows it now (or the mark's rare false keep). */
	KEPT_REFERENCED,

	/** S3 did not confirm the delete; the key may still be there. */
	FAILED;

	/**
	 * @return whether an apply with this outcome skipped a key an operator may want to
	 * look at (exit code 3)
	 */
	public boolean isIssue() {
		return this != DELETED && this != GONE;
	}

}
