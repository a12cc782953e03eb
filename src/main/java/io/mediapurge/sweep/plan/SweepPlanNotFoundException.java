package io.mediapurge.sweep.plan;

/**
 * No sweep plan has the id asked for.
 */
public class SweepPlanNotFoundException extends RuntimeException {

	public SweepPlanNotFoundException(long planId) {
		super("No sweep plan " + planId + " (see 'sweep list')");
	}

}
