package io.mediapurge.operations.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What happens to failed sign-ins (from the form or HTTP Basic): a WARN line with the
 * user name and the client address (never the password), a count per user in
 * {@code media_purge_sign_in_failures_total}, and a failure in the throttle's buckets.
 * Names that are not users are counted together as {@code (unknown)}, so that guessed
 * names cannot fill the metrics.
 */
final class SignInEvents {

	static final String FAILURES = "media.purge.sign.in.failures";

	static final String THROTTLED = "media.purge.sign.in.throttled";

	static final String UNKNOWN_USER = "(unknown)";

	private static final Logger logger = LoggerFactory.getLogger(SignInEvents.class);

	private final Set<String> users;

	private final SignInThrottle throttle;

	private final MeterRegistry registry;

	private final Counter throttled;

	SignInEvents(SecurityUsersProperties properties, SignInThrottle throttle, MeterRegistry registry) {
		this.users = properties.users()
			.stream()
			.map((user) -> user.username().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.throttle = throttle;
		this.registry = registry;
		this.throttled = Counter.builder(THROTTLED)
			.description("Sign-in attempts refused with 429 before their password was checked")
			.register(registry);
		this.users.forEach(this::failures);
		failures(UNKNOWN_USER);
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		String username = attempt.getName();
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "an unknown address";
		boolean known = this.users.contains(username.toLowerCase(Locale.ROOT));
		logger.warn("Failed sign-in as '{}'{} from {}: {}", username, known ? "" : " (no such user)", address,
				event.getException().getMessage());
		failures(known ? username.toLowerCase(Locale.ROOT) : UNKNOWN_USER).increment();
		this.throttle.failed(address, username);
	}

	void throttled() {
		this.throttled.increment();
	}

	private Counter failures(String user) {
		return Counter.builder(FAILURES)
			.description("Failed sign-ins (form or HTTP Basic) by user; names that are not users count as (unknown)")
			.tag("user", user)
			.register(this.registry);
	}

}
