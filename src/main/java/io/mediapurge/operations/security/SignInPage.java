package io.mediapurge.operations.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page: a form in the dashboard's style that says media-purge, with the
 * session's CSRF token and, when there is one, a notice (wrong password, signed out, too
 * many failures). Its one script, {@code /sign-in.js}, is a file of the application (no
 * inline script, so the Content-Security-Policy holds): it keeps the address's
 * {@code #plan-N} or {@code #execution-N} across the form's POST. Every value is
 * HTML-escaped.
 */
final class SignInPage {

	static final String PATH = "/login";

	private static final String TEMPLATE = load();

	private SignInPage() {
	}

	/**
	 * Writes the page.
	 * @param request the request, with its CSRF token
	 * @param response the response
	 * @param status the HTTP status
	 * @param notice what to tell the person, or null
	 * @param error whether the notice is an error
	 * @throws IOException when the response cannot be written
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, int status, @Nullable String notice,
			boolean error) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.getWriter().write(render(request, notice, error));
	}

	static String render(HttpServletRequest request, @Nullable String notice, boolean error) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String box = (notice == null) ? ""
				: "<div class=\"notice " + (error ? "notice-error\" role=\"alert\"" : "notice-info\" role=\"status\"")
						+ " id=\"sign-in-notice\">" + HtmlUtils.htmlEscape(notice) + "</div>";
		return TEMPLATE.replace("{{notice}}", box)
			.replace("{{csrfParameter}}", HtmlUtils.htmlEscape((token != null) ? token.getParameterName() : "_csrf"))
			.replace("{{csrfToken}}", HtmlUtils.htmlEscape((token != null) ? token.getToken() : ""));
	}

	private static String load() {
		try (InputStream in = SignInPage.class.getResourceAsStream("sign-in.html")) {
			if (in == null) {
				throw new IllegalStateException("sign-in.html is missing from the application");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
