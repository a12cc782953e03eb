package io.mediapurge.operations.lease;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The lease row as read from the job repository, with the database's clock at that
 * moment.
 *
 * @param name the lease's name (the job's name)
 * @param holder who took it: {@code host/pid/uuid}
 * @param acquiredAt when it was taken
 * @param heartbeatAt when it was last renewed
 * @param expiresAt when it lapses unless renewed
 * @param executionId the execution that runs under it, when known
 * @param now the database's time when the row was read
 */
public record LeaseState(String name, String holder, Instant acquiredAt, Instant heartbeatAt, Instant expiresAt,
		@Nullable Long executionId, Instant now) {

	/**
	 * @return whether the lease is still held (not expired, not released)
	 */
	public boolean live() {
		return this.expiresAt.isAfter(this.now);
	}

	/**
	 * @return how long until it lapses, zero when it has
	 */
	public Duration remaining() {
		return live() ? Duration.between(this.now, this.expiresAt) : Duration.ZERO;
	}

	/**
	 * @return who holds it and until when, for a person
	 */
	public String describe() {
		return "held by " + this.holder + ((this.executionId != null) ? " for execution " + this.executionId : "")
				+ " since " + this.acquiredAt + ", last heartbeat " + this.heartbeatAt + ", expires at "
				+ this.expiresAt + " (in " + Math.max(1, (remaining().toMillis() + 999) / 1000)
				+ " s) unless its holder renews it";
	}

}
