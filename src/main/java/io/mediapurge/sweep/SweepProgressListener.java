package io.mediapurge.sweep;

import java.util.Map;

import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * Told what the sweep did, for metrics (and, in tests, to hold or break a run at an exact
 * moment). Every method has a default that does nothing.
 */
public interface SweepProgressListener {

	/**
	 * A plan run completed: the plan is ready to apply.
	 * @param planId the plan
	 */
	default void planReady(long planId) {
	}

	/**
	 * A page of a plan's listing was decided and its candidates written; the chunk is not
	 * committed yet. Called on the thread listing that prefix: the prefixes of a plan are
	 * listed at the same time.
	 * @param planId the plan being made
	 * @param prefix the prefix the page was listed under
	 * @param objects the objects of the page
	 */
	default void pageListed(long planId, String prefix, int objects) {
	}

	/**
	 * An apply's chunk was decided and its deletes confirmed and audited; the chunk's
	 * outcomes are not committed yet.
	 * @param planId the plan applied
	 * @param outcomes how many keys of the chunk ended in each outcome
	 */
	default void chunkApplied(long planId, Map<ApplyOutcome, Integer> outcomes) {
	}

}
