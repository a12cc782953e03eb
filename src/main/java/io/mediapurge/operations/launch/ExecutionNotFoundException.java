package io.mediapurge.operations.launch;

/**
 * No execution of the purge job has this id.
 */
public class ExecutionNotFoundException extends RuntimeException {

	public ExecutionNotFoundException(long executionId) {
		super("No execution of mediaPurgeJob with id " + executionId);
	}

}
