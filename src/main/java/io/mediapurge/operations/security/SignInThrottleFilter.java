package io.mediapurge.operations.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt (the form's {@code POST /login}, or any request with HTTP
 * Basic credentials) with 429 and {@code Retry-After} while its client address or its
 * user name has used up its failures ({@link SignInThrottle}). It runs in the security
 * filter chain before the password is checked, so a refused guess costs no bcrypt hash,
 * and a viewer's pages stay fast while someone guesses.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(SignInThrottleFilter.class);

	private static final RequestMatcher SIGN_IN_FORM = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, SignInPage.PATH);

	private final SignInThrottle throttle;

	private final SignInEvents events;

	SignInThrottleFilter(SignInThrottle throttle, SignInEvents events) {
		this.throttle = throttle;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = SIGN_IN_FORM.matches(request);
		String basic = basicUser(request);
		if (!form && basic == null) {
			chain.doFilter(request, response);
			return;
		}
		String username = form ? request.getParameter("username") : basic;
		Optional<Duration> wait = this.throttle.refusal(request.getRemoteAddr(), username);
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
		this.events.throttled();
		logger.debug("Refused a sign-in from {} for {} s: too many failures", request.getRemoteAddr(), seconds);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		String message = "Too many failed sign-ins: try again in " + seconds + " s";
		if (form) {
			SignInPage.write(request, response, 429, message, true);
		}
		else {
			JsonErrorResponses.write(response, 429, message);
		}
	}

	/** The user name of HTTP Basic credentials, if the request carries them. */
	private static @Nullable String basicUser(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return (colon >= 0) ? credentials.substring(0, colon) : credentials;
		}
		catch (IllegalArgumentException ex) {
			// not Base64: Spring Security's own filter refuses it, and it checks no
			// password
			return null;
		}
	}

}
