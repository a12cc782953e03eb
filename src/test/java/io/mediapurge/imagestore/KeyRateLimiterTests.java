package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rate limiter on a fake clock: sleeping advances the clock, so every figure is
 * exact.
 */
class KeyRateLimiterTests {

	private static final long MS = 1_000_000L;

	private static final long SECOND = 1000 * MS;

	/** A clock that only moves when someone sleeps or the test advances it. */
	static final class FakeTicker implements KeyRateLimiter.Ticker {

		long now = 42 * SECOND;

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void sleepNanos(long nanos) {
			this.now += nanos;
		}

	}

	private final FakeTicker clock = new FakeTicker();

	/** Sends {@code requests} requests of {@code keys} keys, returning the send times. */
	private List<Long> send(KeyRateLimiter limiter, int requests, int keys) {
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			KeyRateLimiter.Permit permit = limiter.acquire(keys);
			times.add(this.clock.now);
			limiter.release(permit);
		}
		return times;
	}

	/** The most keys sent in any half-open window of one second. */
	private static long busiestSecond(List<Long> times, int keys) {
		long most = 0;
		for (long start : times) {
			most = Math.max(most, times.stream().filter(t -> t >= start && t < start + SECOND).count() * keys);
		}
		return most;
	}

	@Test
	void sendsUpToTheRateAtOnceThenWaitsForTheWindowToMove() {
		KeyRateLimiter limiter = new KeyRateLimiter(3000, 1000, this.clock);
		long start = this.clock.now;
		List<Long> times = send(limiter, 7, 1000);
		assertThat(times).extracting(t -> (t - start) / MS).containsExactly(0L, 0L, 0L, 1000L, 1000L, 1000L, 2000L);
		assertThat(busiestSecond(times, 1000)).isEqualTo(3000);
		assertThat(limiter.waitedNanos()).isEqualTo(2 * SECOND);
	}

	@Test
	void neverExceedsTheRateInAnySecondWhateverTheRequestSizesAndLatencies() {
		KeyRateLimiter limiter = new KeyRateLimiter(3000, 1000, this.clock);
		// {sent, answered, keys}: S3 receives each request somewhere in between
		List<long[]> requests = new ArrayList<>();
		int[] sizes = { 1, 999, 1000, 7, 500, 1000, 993, 250, 1000, 1000, 3, 1000 };
		for (int round = 0; round < 20; round++) {
			for (int i = 0; i < sizes.length; i++) {
				KeyRateLimiter.Permit permit = limiter.acquire(sizes[i]);
				long sent = this.clock.now;
				this.clock.now += ((round * 37 + i * 11) % 300) * MS;
				limiter.release(permit);
				requests.add(new long[] { sent, this.clock.now, sizes[i] });
				this.clock.now += (i % 3) * MS;
			}
		}
		assertThat(busiestReceivedSecond(requests, 0)).isLessThanOrEqualTo(3000);
		assertThat(busiestReceivedSecond(requests, 1)).isLessThanOrEqualTo(3000);
		assertThat(busiestReceivedSecond(requests, 1)).isGreaterThan(2000);
	}

	/** The most keys received in any one second, if received at the {@code at} time. */
	private static long busiestReceivedSecond(List<long[]> requests, int at) {
		long most = 0;
		for (long[] first : requests) {
			long start = first[at];
			most = Math.max(most,
					requests.stream().filter(r -> r[at] >= start && r[at] < start + SECOND).mapToLong(r -> r[2]).sum());
		}
		return most;
	}

	@Test
	void aRequestOccupiesItsSecondFromSendingUntilOneSecondAfterItsAnswer() {
		KeyRateLimiter limiter = new KeyRateLimiter(2000, 1000, this.clock);
		long start = this.clock.now;
		KeyRateLimiter.Permit first = limiter.acquire(1000);
		this.clock.now += 300 * MS; // the answer takes 300 ms
		limiter.release(first);
		limiter.release(limiter.acquire(1000));
		limiter.acquire(1000);
		assertThat(this.clock.now - start).isEqualTo(1300 * MS);
	}

	@Test
	void halvesOnThrottlingAtMostOnceASecondDownToOneFullRequestASecond() {
		KeyRateLimiter limiter = new KeyRateLimiter(3000, 1000, this.clock);
		limiter.throttled();
		assertThat(limiter.rate()).isEqualTo(1500);
		limiter.throttled(); // same second: answers to requests sent at the old rate
		assertThat(limiter.rate()).isEqualTo(1500);
		this.clock.now += SECOND;
		limiter.throttled();
		// 1,500 + 300 recovered in that second, halved: 900, floored at one request of
		// 1,000
		assertThat(limiter.rate()).isEqualTo(1000);
		assertThat(limiter.throttleCount()).isEqualTo(3);
	}

	@Test
	void recoversByATenthOfTheLimitPerSecondWithoutThrottling() {
		KeyRateLimiter limiter = new KeyRateLimiter(3000, 1000, this.clock);
		limiter.throttled();
		this.clock.now += 2 * SECOND;
		assertThat(limiter.rate()).isEqualTo(2100);
		this.clock.now += 3 * SECOND;
		assertThat(limiter.rate()).isEqualTo(3000);
		this.clock.now += 60 * SECOND;
		assertThat(limiter.rate()).isEqualTo(3000);
	}

	@Test
	void aThrottledRateSpacesTheRequestsFurtherApart() {
		KeyRateLimiter limiter = new KeyRateLimiter(2000, 1000, this.clock);
		limiter.throttled(); // 1,000 keys/s, recovering by 200/s
		long start = this.clock.now;
		List<Long> times = send(limiter, 3, 1000);
		assertThat(times).extracting(t -> (t - start) / MS).containsExactly(0L, 1000L, 2000L);
	}

	@Test
	void refusesRequestsLargerThanTheFloorAndLimitsBelowIt() {
		KeyRateLimiter limiter = new KeyRateLimiter(3000, 1000, this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> limiter.acquire(1001));
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyRateLimiter(500, 1000, this.clock));
	}

}
