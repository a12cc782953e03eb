package io.mediapurge.operations.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed sign-ins per client address and per user name in token buckets
 * (Bucket4j), and tells whether a new attempt may be checked at all. It is asked before
 * the password is checked, so a flood of guesses costs one lookup each, never a bcrypt
 * hash, once a bucket is empty. A successful sign-in costs nothing: only failures take
 * tokens. A failure takes its token even from an empty bucket (the bucket goes into
 * debt), so parallel guesses that slipped past the check push the next attempt further
 * away instead of going unpaid.
 * <p>
 * The buckets live in a bounded Caffeine cache: one unused for a whole period is full
 * again and may be forgotten, and a flood of made-up names cannot fill the memory.
 */
final class SignInThrottle {

	/** Longer names are counted by their first characters: the memory stays bounded. */
	private static final int MAX_KEY_LENGTH = 256;

	private final SignInThrottleProperties.Limit perAddress;

	private final SignInThrottleProperties.Limit perUser;

	private final Cache<String, Bucket> addresses;

	private final Cache<String, Bucket> users;

	SignInThrottle(SignInThrottleProperties properties) {
		this.perAddress = properties.perAddress();
		this.perUser = properties.perUser();
		this.addresses = Caffeine.newBuilder()
			.maximumSize(properties.trackedKeys())
			.expireAfterAccess(this.perAddress.period())
			.build();
		this.users = Caffeine.newBuilder()
			.maximumSize(properties.trackedKeys())
			.expireAfterAccess(this.perUser.period())
			.build();
	}

	/**
	 * @param address the client's address
	 * @param username the user name tried
	 * @return how long the client must wait before it may try again, or empty when it may
	 * try now
	 */
	Optional<Duration> refusal(String address, @Nullable String username) {
		long nanos = waitNanos(this.addresses.getIfPresent(key(address)));
		if (username != null) {
			nanos = Math.max(nanos, waitNanos(this.users.getIfPresent(userKey(username))));
		}
		return (nanos > 0) ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
	}

	/**
	 * Records a failed sign-in.
	 * @param address the client's address
	 * @param username the user name tried
	 */
	void failed(String address, @Nullable String username) {
		this.addresses.get(key(address), (key) -> bucket(this.perAddress)).consumeIgnoringRateLimits(1);
		if (username != null) {
			this.users.get(userKey(username), (key) -> bucket(this.perUser)).consumeIgnoringRateLimits(1);
		}
	}

	private static long waitNanos(@Nullable Bucket bucket) {
		return (bucket == null || bucket.getAvailableTokens() > 0) ? 0
				: bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
	}

	private static Bucket bucket(SignInThrottleProperties.Limit limit) {
		return Bucket.builder()
			.addLimit(
					(bandwidth) -> bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
			.build();
	}

	/** User names are case-insensitive, as the user store reads them. */
	private static String userKey(String username) {
		return key(username.toLowerCase(Locale.ROOT));
	}

	private static String key(String value) {
		return (value.length() > MAX_KEY_LENGTH) ? value.substring(0, MAX_KEY_LENGTH) : value;
	}

}
