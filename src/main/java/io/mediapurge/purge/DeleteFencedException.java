package io.mediapurge.purge;

/**
 * An execution may delete nothing more ({@link DeleteFence}): its step fails at once, its
 * chunk deletes nothing, and what the chunk claimed stays claimed for the next run.
 */
public class DeleteFencedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DeleteFencedException(String message) {
		super(message);
	}

}
