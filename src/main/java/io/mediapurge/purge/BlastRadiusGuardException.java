package io.mediapurge.purge;

/**
 * A run the blast-radius guard refused before its first step: nothing was deleted.
 */
public class BlastRadiusGuardException extends RuntimeException {

	private final long dueTotal;

	BlastRadiusGuardException(String message, long dueTotal) {
		super(message);
		this.dueTotal = dueTotal;
	}

	/**
	 * @return the documents the run would have purged: the count that confirms it
	 */
	public long dueTotal() {
		return this.dueTotal;
	}

}
