package io.mediapurge.benchmark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the benchmark's S3 server does where AWS answers 503 SlowDown: it lets through at
 * most {@code keysPerSecond} deleted keys per partitioned prefix in any one second
 * (sliding), and refuses a request that would go over for any of its prefixes. Every key
 * of a DeleteObjects request counts, as on S3; a refused request counts nothing. The
 * partitioned prefix of a key is its first path segment ({@code galleries/} of
 * {@code galleries/12/0.jpg}), which is how the benchmark's bucket is laid out.
 * Thread-safe.
 */
final class PrefixThrottle {

	private static final long SECOND = 1_000_000_000L;

	private final int keysPerSecond;

	private final LongSupplier nanoTime;

	private final Map<String, Deque<long[]>> windows = new HashMap<>();

	private final Map<String, Long> inWindow = new HashMap<>();

	private long refused;

	/**
	 * @param keysPerSecond keys per second and prefix; 0 lets everything through
	 * @param nanoTime the clock
	 */
	PrefixThrottle(int keysPerSecond, LongSupplier nanoTime) {
		if (keysPerSecond < 0) {
			throw new IllegalArgumentException("keysPerSecond must be >= 0: " + keysPerSecond);
		}
		this.keysPerSecond = keysPerSecond;
		this.nanoTime = nanoTime;
	}

	static String prefixOf(String key) {
		int slash = key.indexOf('/');
		return (slash < 0) ? "" : key.substring(0, slash + 1);
	}

	/** Counts the keys of a request, by prefix. */
	static Map<String, Integer> byPrefix(Iterable<String> keys) {
		Map<String, Integer> counts = new HashMap<>();
		keys.forEach(key -> counts.merge(prefixOf(key), 1, Integer::sum));
		return counts;
	}

	/**
	 * @param keysByPrefix the request's keys, counted by prefix
	 * @return whether the request is served; {@code false}: answer SlowDown
	 */
	synchronized boolean admit(Map<String, Integer> keysByPrefix) {
		if (this.keysPerSecond == 0) {
			return true;
		}
		long now = this.nanoTime.getAsLong();
		for (Map.Entry<String, Integer> entry : keysByPrefix.entrySet()) {
			if (keysIn(entry.getKey(), now) + entry.getValue() > this.keysPerSecond) {
				this.refused++;
				return false;
			}
		}
		keysByPrefix.forEach((prefix, keys) -> {
			this.windows.computeIfAbsent(prefix, p -> new ArrayDeque<>()).addLast(new long[] { now, keys });
			this.inWindow.merge(prefix, (long) keys, Long::sum);
		});
		return true;
	}

	private long keysIn(String prefix, long now) {
		Deque<long[]> window = this.windows.get(prefix);
		if (window == null) {
			return 0;
		}
		while (!window.isEmpty() && window.peekFirst()[0] <= now - SECOND) {
			this.inWindow.merge(prefix, -window.removeFirst()[1], Long::sum);
		}
		return this.inWindow.getOrDefault(prefix, 0L);
	}

	/** Requests refused so far. */
	synchronized long refused() {
		return this.refused;
	}

}
