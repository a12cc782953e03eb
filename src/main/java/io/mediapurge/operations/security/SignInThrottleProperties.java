package io.mediapurge.operations.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed sign-ins the long-running mode takes before it answers 429 with
 * {@code Retry-After}, from one client address and for one user name. Failures are
 * allowed again one by one as the period goes by (a token bucket: {@code failures} at
 * once, then {@code failures} per {@code period}).
 *
 * @param perAddress failures from one client address (behind a proxy: the address it
 * forwards, see {@code server.tomcat.remoteip.*})
 * @param perUser failures for one user name, from any address (also for names that do not
 * exist, so that a 429 says nothing about which names do)
 * @param trackedKeys at most this many addresses and user names are remembered at once
 */
@ConfigurationProperties("media-purge.security.sign-in-throttle")
@Validated
public record SignInThrottleProperties(@Valid Limit perAddress, @Valid Limit perUser, @Min(100) Integer trackedKeys) {

	/** Unset values (bound as null) take their defaults. */
	public SignInThrottleProperties {
		perAddress = (perAddress != null) ? perAddress : new Limit(10, Duration.ofMinutes(1));
		perUser = (perUser != null) ? perUser : new Limit(10, Duration.ofMinutes(5));
		trackedKeys = (trackedKeys != null) ? trackedKeys : 100_000;
	}

	/**
	 * A token bucket of failures.
	 *
	 * @param failures failures allowed at once
	 * @param period the time in which as many are allowed again
	 */
	public record Limit(@Min(1) int failures, @NotNull Duration period) {

	}

}
