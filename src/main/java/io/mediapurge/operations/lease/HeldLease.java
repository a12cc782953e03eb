package io.mediapurge.operations.lease;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's lease while this process holds it. A daemon thread renews it every third of
 * its time to live; {@link #close()} releases it (safe to call more than once). When a
 * renewal finds the lease taken by another holder (this process stalled longer than the
 * time to live), the lease is lost: the heartbeat stops and the action given to
 * {@link #attach(long, Runnable)} runs, so the run can be stopped.
 */
public final class HeldLease implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HeldLease.class);

	private final JobLease lease;

	private final String holder;

	private @Nullable ScheduledFuture<?> heartbeat;

	private @Nullable Runnable onLost;

	private boolean closed;

	private boolean lost;

	private long lastRenewal = System.nanoTime();

	HeldLease(JobLease lease, String holder) {
		this.lease = lease;
		this.holder = holder;
	}

	/**
	 * @return who holds it: {@code host/pid/uuid}
	 */
	public String holder() {
		return this.holder;
	}

	/**
	 * Records the execution that runs under the lease, for whoever is refused meanwhile.
	 * @param executionId the execution
	 * @param onLost what to do if the lease is lost while held
	 */
	public synchronized void attach(long executionId, Runnable onLost) {
		this.onLost = onLost;
		if (this.closed) {
			return;
		}
		try {
			this.lease.attach(this.holder, executionId);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record execution {} on the lease {}: {}", executionId, this.lease.name(),
					ex.toString());
		}
	}

	/**
	 * @return whether the lease was lost while held
	 */
	public synchronized boolean isLost() {
		return this.lost;
	}

	/**
	 * Checks in the job repository that this is still the lease's holder and renews it,
	 * so that no other process can take it for its time to live from now: the fence
	 * before a delete. A lease found taken is lost from then on, as if a heartbeat had
	 * found it.
	 * @return whether it is still held; {@code false} also when the job repository did
	 * not answer
	 */
	public boolean confirm() {
		Runnable action;
		synchronized (this) {
			if (this.closed || this.lost) {
				return false;
			}
			try {
				if (this.lease.renew(this.holder)) {
					this.lastRenewal = System.nanoTime();
					return true;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not confirm the lease {} held by {} before deleting: {}", this.lease.name(),
						this.holder, ex.toString());
				return false;
			}
			markLost("another holder took it after it expired");
			action = this.onLost;
		}
		if (action != null) {
			action.run();
		}
		return false;
	}

	synchronized void heartbeat(ScheduledFuture<?> heartbeat) {
		this.heartbeat = heartbeat;
	}

	void renew() {
		Runnable action;
		synchronized (this) {
			if (this.closed || this.lost) {
				return;
			}
			try {
				if (this.lease.renew(this.holder)) {
					this.lastRenewal = System.nanoTime();
					return;
				}
				markLost("another holder took it after it expired");
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() - this.lastRenewal < this.lease.ttl().toNanos()) {
					logger.warn("Could not renew the lease {} held by {}; retrying: {}", this.lease.name(), this.holder,
							ex.toString());
					return;
				}
				markLost("it could not be renewed for longer than its time to live (" + ex + ")");
			}
			action = this.onLost;
		}
		if (action != null) {
			action.run();
		}
	}

	private void markLost(String why) {
		this.lost = true;
		cancelHeartbeat();
		logger.error("Lost the lease {} held by {}: {}. Another process may start the job now.", this.lease.name(),
				this.holder, why);
	}

	/**
	 * Releases the lease: the next launch, here or in another process, may take it at
	 * once.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		cancelHeartbeat();
		if (this.lost) {
			return;
		}
		try {
			this.lease.release(this.holder);
			logger.debug("Released the lease {} held by {}", this.lease.name(), this.holder);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the lease {} held by {}; it lapses {} after its last heartbeat: {}",
					this.lease.name(), this.holder, this.lease.ttl(), ex.toString());
		}
	}

	private void cancelHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.cancel(false);
		}
	}

}
