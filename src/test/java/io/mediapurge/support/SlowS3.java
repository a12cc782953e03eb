package io.mediapurge.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Makes the in-process S3 server slow without losing anything: it answers one
 * DeleteObjects request with a transient 503 SlowDown, lets the next one (the job's
 * retry, after its backoff) through, then fails the next one again, and so on. Every
 * chunk thus waits about one backoff, and no key is ever refused twice in a row, so with
 * a few attempts per key nothing is blocked.
 */
public final class SlowS3 implements AutoCloseable {

	private final FaultInjectingBlobStore faults;

	private final Thread pacer;

	private volatile boolean running = true;

	private volatile int failuresServed;

	public SlowS3(FaultInjectingBlobStore faults) {
		this.faults = faults;
		this.pacer = new Thread(this::pace, "slow-s3");
		this.pacer.setDaemon(true);
		this.pacer.start();
	}

	/**
	 * @return how many requests were answered SlowDown so far
	 */
	public int failuresServed() {
		return this.failuresServed;
	}

	/**
	 * Waits until the next SlowDown is served: the job is then sleeping in its backoff,
	 * in the middle of a chunk (claimed, not yet deleted).
	 * @param timeout how long to wait at most
	 */
	public void awaitNextFailure(Duration timeout) {
		int served = this.failuresServed;
		if (!awaitCondition(() -> this.failuresServed > served, timeout)) {
			throw new AssertionError("No DeleteObjects request within " + timeout);
		}
	}

	private void pace() {
		while (this.running) {
			int seen = this.faults.deleteRequests().size();
			this.faults.failNextRequests(1, 503, "SlowDown");
			if (!awaitCondition(() -> this.faults.deleteRequests().size() > seen, Duration.ofDays(1))) {
				return;
			}
			this.failuresServed++;
			// let the retry (or whichever request comes next) through
			if (!awaitCondition(() -> this.faults.deleteRequests().size() > seen + 1, Duration.ofDays(1))) {
				return;
			}
		}
	}

	private boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.running && System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.pacer.join(5000);
		this.faults.failNextRequests(0, 503, "SlowDown");
	}

}
