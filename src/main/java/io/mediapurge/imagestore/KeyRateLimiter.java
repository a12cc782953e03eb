package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Holds the keys sent to S3 under a rate in keys per second, and lowers that rate while
 * S3 answers SlowDown (additive increase, multiplicative decrease).
 *
 * <p>
 * The limit is kept over a sliding window of one second: a request of {@code n} keys goes
 * out only when {@code n} plus the keys of the requests still in flight or answered
 * within the last second stay within the current rate. Whenever S3 receives a request
 * (somewhere between sending and answer), the keys it received in the second before are
 * therefore within the rate (S3 counts every key of a DeleteObjects request against its
 * per-prefix limit). A token bucket would allow the rate plus its burst capacity within
 * one second, which is why it is not used here. The price: a request's latency adds to
 * the second its keys occupy, so one caller sending full requests one after another
 * reaches {@code rate / (1 + latency in seconds)}.
 *
 * <p>
 * Each throttling answer halves the current rate, at most once a second (answers to
 * requests already in flight reflect the old rate), but never below the floor: one full
 * request a second. From there the rate grows back by a tenth of the limit per second
 * without throttling, so it regains the full limit from half of it in five seconds. Below
 * the floor, the retry backoff of {@link S3ImageDeleter} slows the requests further.
 *
 * <p>
 * Thread-safe: concurrent callers share the same window.
 */
public final class KeyRateLimiter {

	private static final long SECOND = 1_000_000_000L;

	private static final long POLL = 10_000_000L;

	private static final long IN_FLIGHT = Long.MAX_VALUE;

	/** Time and sleep, replaceable in tests. */
	public interface Ticker {

		long nanoTime();

		void sleepNanos(long nanos) throws InterruptedException;

		Ticker SYSTEM = new Ticker() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void sleepNanos(long nanos) throws InterruptedException {
				Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
			}

		};

	}

	private final double limit;

	private final double floor;

	private final Ticker ticker;

	/** Requests in flight or answered within the last second. */
	private final List<Permit> window = new ArrayList<>();

	private long keysInWindow;

	/** The rate set by the last throttling answer, and when. */
	private double throttledRate;

	private long throttledAt;

	private boolean throttled;

	private long throttleCount;

	private long waitedNanos;

	/**
	 * @param keysPerSecond the limit, never exceeded
	 * @param largestRequest the most keys one request may carry: the rate never falls
	 * below it
	 * @param ticker time and sleep
	 */
	public KeyRateLimiter(int keysPerSecond, int largestRequest, Ticker ticker) {
		if (keysPerSecond < 1 || largestRequest < 1 || largestRequest > keysPerSecond) {
			throw new IllegalArgumentException(
					"need 1 <= largestRequest (" + largestRequest + ") <= keysPerSecond (" + keysPerSecond + ")");
		}
		this.limit = keysPerSecond;
		this.floor = largestRequest;
		this.ticker = ticker;
		this.throttledRate = keysPerSecond;
	}

	/**
	 * Waits until {@code keys} keys may be sent, and counts them as sent from now until
	 * one second after {@link #release}.
	 * @param keys the keys of the request, at most the {@code largestRequest}
	 * @return the permit to release once the answer is in (or the request failed)
	 */
	public Permit acquire(int keys) {
		if (keys > this.floor) {
			throw new IllegalArgumentException(keys + " keys exceed the largest request of " + (int) this.floor);
		}
		long waited = 0;
		while (true) {
			long wait;
			synchronized (this) {
				long now = this.ticker.nanoTime();
				wait = waitFor(keys, now);
				if (wait == 0) {
					Permit permit = new Permit(keys);
					this.window.add(permit);
					this.keysInWindow += keys;
					this.waitedNanos += waited;
					return permit;
				}
			}
			try {
				this.ticker.sleepNanos(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the S3 rate limit", ex);
			}
			waited += wait;
		}
	}

	/** The request is answered: its keys leave the window one second from now. */
	public synchronized void release(Permit permit) {
		if (permit.answeredAt == IN_FLIGHT) {
			permit.answeredAt = this.ticker.nanoTime();
		}
	}

	/** How long to wait before {@code keys} more fit the window (0: now). */
	private long waitFor(int keys, long now) {
		for (Iterator<Permit> it = this.window.iterator(); it.hasNext();) {
			Permit permit = it.next();
			if (permit.answeredAt != IN_FLIGHT && permit.answeredAt <= now - SECOND) {
				this.keysInWindow -= permit.keys;
				it.remove();
			}
		}
		double rate = rate(now);
		if (this.keysInWindow + keys <= rate) {
			return 0;
		}
		List<Permit> answered = this.window.stream()
			.filter(permit -> permit.answeredAt != IN_FLIGHT)
			.sorted(Comparator.comparingLong(permit -> permit.answeredAt))
			.toList();
		long remaining = this.keysInWindow;
		for (Permit permit : answered) {
			remaining -= permit.keys;
			if (remaining + keys <= rate) {
				return Math.max(1, permit.answeredAt + SECOND - now);
			}
		}
		// requests still in flight hold the room: look again shortly
		return POLL;
	}

	/**
	 * Keys counted in the window: from {@link #acquire} until one second after
	 * {@link #release}.
	 */
	public static final class Permit {

		private final int keys;

		private long answeredAt = IN_FLIGHT;

		private Permit(int keys) {
			this.keys = keys;
		}

	}

	/** S3 answered SlowDown (or another throttling answer): halve the rate. */
	public synchronized void throttled() {
		long now = this.ticker.nanoTime();
		this.throttleCount++;
		if (this.throttled && now - this.throttledAt < SECOND) {
			return;
		}
		this.throttledRate = Math.max(this.floor, rate(now) / 2);
		this.throttledAt = now;
		this.throttled = true;
	}

	/** The current rate in keys per second. */
	public synchronized double rate() {
		return rate(this.ticker.nanoTime());
	}

	private double rate(long now) {
		if (!this.throttled) {
			return this.limit;
		}
		double recovered = this.limit / 10 * ((now - this.throttledAt) / (double) SECOND);
		return Math.min(this.limit, this.throttledRate + recovered);
	}

	/** Throttling answers received so far. */
	public synchronized long throttleCount() {
		return this.throttleCount;
	}

	/** Total time callers waited for the limit. */
	public synchronized long waitedNanos() {
		return this.waitedNanos;
	}

}
