package io.mediapurge.operations.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads the CSRF token from its header only, except on the sign-in form (which has no
 * script to set a header, and posts it as the {@code _csrf} field). A form on another
 * site can post fields, never headers, so the API's actions cannot be forged with one,
 * whatever else it manages to plant. Tokens are masked afresh on every request (BREACH),
 * by Spring Security's own handler.
 */
final class HeaderOnlyCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

	private static final RequestMatcher SIGN_IN_FORM = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, SignInPage.PATH);

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		this.masked.handle(request, response, csrfToken);
	}

	@Override
	public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		if (request.getHeader(csrfToken.getHeaderName()) == null && !SIGN_IN_FORM.matches(request)) {
			return null;
		}
		return this.masked.resolveCsrfTokenValue(request, csrfToken);
	}

}
