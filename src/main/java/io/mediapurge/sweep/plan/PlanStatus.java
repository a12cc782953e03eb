package io.mediapurge.sweep.plan;

/**
 * Where a sweep plan is in its life: written by a plan run, then applied at most once.
 */
public enum PlanStatus {

	/** The plan run is listing or has failed; a restart of that run finishes it. */
	PLANNING,

	/** Complete, waiting for an operator to apply it. */
	READY,

	/** An apply claimed it; only a restart of that apply may go on with it. */
	APPLYING,

	/** An apply went through every key of the plan. */
	APPLIED

}
