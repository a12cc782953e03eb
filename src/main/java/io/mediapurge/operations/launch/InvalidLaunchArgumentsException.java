package io.mediapurge.operations.launch;

/**
 * The command line asked for something the job does not know. Refused before anything
 * runs, so that a mistyped {@code dryRun} can never turn into a real purge.
 */
public class InvalidLaunchArgumentsException extends RuntimeException {

	public InvalidLaunchArgumentsException(String message) {
		super(message);
	}

}
