package io.mediapurge.operations.plan;

/**
 * The execution is unknown or has no plan (it is not a dry run); the message says which.
 */
public class PlanNotFoundException extends RuntimeException {

	public PlanNotFoundException(String message) {
		super(message);
	}

}
