package io.mediapurge.operations.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.security.web.servlet.ApplicationContextRequestMatcher;
import org.springframework.web.context.WebApplicationContext;

/**
 * Matches every request served by the management server (its own port, its own child
 * application context), whatever its path, so that no filter chain meant for the
 * application (form login, HTTP Basic, sessions) ever answers there.
 */
final class ManagementServerRequestMatcher extends ApplicationContextRequestMatcher<WebApplicationContext> {

	ManagementServerRequestMatcher() {
		super(WebApplicationContext.class);
	}

	@Override
	protected boolean matches(HttpServletRequest request, Supplier<WebApplicationContext> context) {
		return hasServerNamespace(context.get(), "management");
	}

	@Override
	public String toString() {
		return "ManagementServerRequestMatcher";
	}

}
