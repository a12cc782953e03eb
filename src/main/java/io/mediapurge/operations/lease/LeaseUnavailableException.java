package io.mediapurge.operations.lease;

/**
 * The job's lease is held by a live holder. The message names the holder and when the
 * lease expires; the launcher refuses the asked action with it.
 */
public class LeaseUnavailableException extends RuntimeException {

	private final LeaseState holder;

	public LeaseUnavailableException(String refusal, LeaseState holder) {
		super(refusal + ": the job's lease is " + holder.describe());
		this.holder = holder;
	}

	/**
	 * @return the lease as it was when the request was refused
	 */
	public LeaseState holder() {
		return this.holder;
	}

}
