package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link KeyRateLimiter} per key prefix: S3 limits deletes per partitioned prefix
 * (about 3,500 keys a second each), so each prefix gets its own budget of keys per
 * second, and its own halving while S3 answers SlowDown for it. A key counts against the
 * budget of the longest prefix it starts with; keys under none of the prefixes (or all
 * keys, when there are none) share one more budget, under the empty prefix.
 *
 * <p>
 * Thread-safe: steps deleting under different prefixes at the same time draw on different
 * budgets, so their rates add up; steps under the same prefix share its budget.
 */
public final class KeyBudgets {

	private final List<String> prefixes;

	private final Map<String, KeyRateLimiter> limiters = new LinkedHashMap<>();

	private final int keysPerSecond;

	/**
	 * @param prefixes the prefixes that each get a budget (duplicates are merged)
	 * @param keysPerSecond each budget's limit
	 * @param largestRequest the most keys one request may carry
	 * @param ticker time and sleep
	 */
	public KeyBudgets(Collection<String> prefixes, int keysPerSecond, int largestRequest,
			KeyRateLimiter.Ticker ticker) {
		this.keysPerSecond = keysPerSecond;
		// longest first, so that the first match is the longest
		this.prefixes = prefixes.stream()
			.filter(prefix -> !prefix.isEmpty())
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		for (String prefix : prefixes) {
			if (!prefix.isEmpty()) {
				this.limiters.putIfAbsent(prefix, new KeyRateLimiter(keysPerSecond, largestRequest, ticker));
			}
		}
		this.limiters.put("", new KeyRateLimiter(keysPerSecond, largestRequest, ticker));
	}

	/** The prefix whose budget the key counts against: "" for none. */
	public String prefixOf(String key) {
		for (String prefix : this.prefixes) {
			if (key.startsWith(prefix)) {
				return prefix;
			}
		}
		return "";
	}

	/** The budget of a prefix, as returned by {@link #prefixOf}. */
	public KeyRateLimiter limiter(String prefix) {
		KeyRateLimiter limiter = this.limiters.get(prefix);
		if (limiter == null) {
			throw new IllegalArgumentException("no budget for prefix '" + prefix + "'");
		}
		return limiter;
	}

	/**
	 * @return the keys by the prefix of their budget, each list in the keys' order, the
	 * prefixes in the order their first key came
	 */
	public Map<String, List<String>> byPrefix(Collection<String> keys) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		for (String key : keys) {
			groups.computeIfAbsent(prefixOf(key), prefix -> new ArrayList<>()).add(key);
		}
		return groups;
	}

	/** The current rate of each budget, in keys per second, by prefix. */
	public Map<String, Double> rates() {
		Map<String, Double> rates = new LinkedHashMap<>();
		this.limiters.forEach((prefix, limiter) -> rates.put(prefix, limiter.rate()));
		return rates;
	}

	/**
	 * The rate all budgets allow now, in keys per second: the sum of the configured
	 * prefixes' budgets (the budget of keys under none of them is left out when prefixes
	 * are configured, since no key resolves outside them), or the one budget.
	 */
	public double rate() {
		return this.limiters.entrySet()
			.stream()
			.filter(entry -> this.prefixes.isEmpty() || !entry.getKey().isEmpty())
			.mapToDouble(entry -> entry.getValue().rate())
			.sum();
	}

	/** What {@link #rate()} is when S3 has not throttled. */
	public long limit() {
		return (long) this.keysPerSecond * Math.max(1, this.prefixes.size());
	}

	/** Throttling answers received so far, all budgets together. */
	public long throttleCount() {
		return this.limiters.values().stream().mapToLong(KeyRateLimiter::throttleCount).sum();
	}

	/** Total time callers waited for a budget. */
	public long waitedNanos() {
		return this.limiters.values().stream().mapToLong(KeyRateLimiter::waitedNanos).sum();
	}

}
