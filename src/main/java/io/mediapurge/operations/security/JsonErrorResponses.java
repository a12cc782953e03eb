package io.mediapurge.operations.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's answers to requests without credentials (401) and without the right (403), as
 * JSON {@code {"message": ...}} like every other refusal of the API.
 */
final class JsonErrorResponses {

	private JsonErrorResponses() {
	}

	/**
	 * 401. The Basic challenge goes only to clients that are not browsers: a browser
	 * (which sends {@code Sec-Fetch-Mode}, or the page's {@code X-Requested-With}) would
	 * show its own login box and then keep sending the typed credentials, which would
	 * defeat the CSRF protection (requests with an {@code Authorization} header need no
	 * CSRF token). Browsers sign in with the form at {@code /login}.
	 */
	static AuthenticationEntryPoint unauthorized() {
		return (request, response, exception) -> {
			if (request.getHeader("Sec-Fetch-Mode") == null && request.getHeader("X-Requested-With") == null) {
				response.setHeader("WWW-Authenticate", "Basic realm=\"media-purge\"");
			}
			write(response, HttpServletResponse.SC_UNAUTHORIZED,
					(exception instanceof InsufficientAuthenticationException)
							? "Authentication required: sign in at /login, or send HTTP Basic credentials"
							: "Authentication failed: wrong user name or password");
		};
	}

	/**
	 * 403: a viewer asking to act, or a browser session's request without its CSRF token.
	 * A request refused for its CSRF token before anyone signed in gets the 401 of
	 * {@code unauthorized} instead: what it lacks first is a user.
	 */
	static AccessDeniedHandler forbidden(AuthenticationEntryPoint unauthorized) {
		return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) -> {
			if (exception instanceof CsrfException && !signedIn()) {
				unauthorized.commence(request, response,
						new InsufficientAuthenticationException("Not signed in", exception));
				return;
			}
			write(response, HttpServletResponse.SC_FORBIDDEN, (exception instanceof CsrfException)
					? "Forbidden: missing or invalid CSRF token (send the token of GET /api/csrf in the header it "
							+ "names, or reload the page)"
					: "Forbidden: only the OPERATOR role may start, restart, stop, recover or abandon runs, or apply a sweep plan");
		};
	}

	private static boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
	}

}
