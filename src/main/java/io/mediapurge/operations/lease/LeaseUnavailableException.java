package io.mediapurge.operations.lease;

import io.mediapurge.operations.OperationRefusedException;

/**
 * The job's lease is held by a live holder, so the launch (or recovery) is refused. The
 * message names the holder and when the lease expires.
 */
public class LeaseUnavailableException extends OperationRefusedException {

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
