package io.mediapurge.operations.launch;

/**
 * An operator's action does not apply (restart of a completed run, stop of a run that is
 * not running, a launch while another run holds the job's lease, ...). The message says
 * why, for the person who asked.
 */
public class OperationRefusedException extends RuntimeException {

	public OperationRefusedException(String message) {
		super(message);
	}

	public OperationRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
