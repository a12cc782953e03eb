package io.mediapurge.operations.security;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's session over real HTTP: its cookie (SameSite=Strict, Secure when the
 * request came over TLS, directly or through a trusted proxy that says so), the headers
 * of every page (CSP, Referrer-Policy, HSTS over TLS only), redirects that keep https
 * behind a proxy, and a CSRF token that only the session's own token in its header
 * satisfies.
 */
class BrowserSessionIntegrationTests extends ServerModeIntegrationTestSupport {

	private static final String START_DRY_RUN = "{\"dryRun\": true, \"contentTypes\": [\"gallery\"]}";

	@Test
	void overPlainHttpTheSessionCookieIsStrictButNotSecureAndNoHstsIsSent() {
		HttpResponse<String> signedIn = signIn(new Browser(), null);

		String cookie = sessionCookie(signedIn);
		assertThat(cookie).contains("SameSite=Strict").contains("HttpOnly").doesNotContain("Secure");
		assertThat(signedIn.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(signedIn.headers().firstValue("Location")).hasValue("http://localhost:" + this.port + "/");
	}

	@Test
	void behindAProxyThatTerminatesTlsTheCookieIsSecureHstsIsSentAndRedirectsStayHttps() {
		Browser browser = new Browser();
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/"))
			.header("X-Forwarded-Proto", "https")
			.header("Accept", "text/html")
			.GET());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("https://localhost").endsWith("/login"));
		assertThat(page.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));

		HttpResponse<String> signedIn = signIn(browser, "https");
		assertThat(sessionCookie(signedIn)).contains("Secure").contains("SameSite=Strict");
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("https://localhost"));
	}

	@Test
	void everyPageSendsAStrictContentSecurityPolicyAndNoReferrer() {
		for (String path : new String[] { "/login", "/" }) {
			HttpResponse<String> response = send(request(path, VIEWER).GET());
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue(WebSecurityConfiguration.CONTENT_SECURITY_POLICY);
			assertThat(WebSecurityConfiguration.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
		}
	}

	@Test
	void onlyTheSessionsOwnTokenInItsHeaderLetsTheSessionAct() {
		Browser browser = new Browser();
		signIn(browser, null);
		assertThat(browser.cookies.getCookieStore().getCookies()).extracting(HttpCookie::getName)
			.containsExactly("JSESSIONID");
		JsonNode csrf = json(browser.send(HttpRequest.newBuilder(uri("/api/csrf")).GET()));
		String header = csrf.get("headerName").asString();
		String token = csrf.get("token").asString();

		// a token planted as a cookie, and posted as a form field, as another site would
		HttpCookie planted = new HttpCookie("XSRF-TOKEN", "planted");
		planted.setPath("/");
		browser.cookies.getCookieStore().add(uri("/"), planted);
		assertThat(browser
			.send(HttpRequest.newBuilder(uri("/api/executions/1/abandon"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=planted")))
			.statusCode()).isEqualTo(403);
		// the session's own token, but as a form field instead of the header
		assertThat(
				browser
					.send(HttpRequest.newBuilder(uri("/api/executions/1/abandon"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers
							.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))))
					.statusCode())
			.isEqualTo(403);
		// the session's token in its header
		HttpResponse<String> started = browser.send(HttpRequest.newBuilder(uri("/api/executions"))
			.header("Content-Type", "application/json")
			.header(header, token)
			.POST(HttpRequest.BodyPublishers.ofString(START_DRY_RUN)));
		assertThat(started.statusCode()).isEqualTo(202);
		awaitEnd(json(started).get("id").asLong());
	}

	/** Signs in with the form, as a browser does. */
	private HttpResponse<String> signIn(Browser browser, String forwardedProto) {
		HttpRequest.Builder page = HttpRequest.newBuilder(uri("/login")).GET();
		if (forwardedProto != null) {
			page.header("X-Forwarded-Proto", forwardedProto);
		}
		HttpResponse<String> signInPage = browser.send(page);
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage.body());
		assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
		HttpRequest.Builder form = HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"username=" + OPERATOR + "&password=" + URLEncoder.encode(OPERATOR_PASSWORD, StandardCharsets.UTF_8)
							+ "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)));
		if (forwardedProto != null) {
			// the test talks plain HTTP to the proxy's side: the client keeps a Secure
			// cookie to itself, so send it as the browser would over TLS
			form.header("X-Forwarded-Proto", forwardedProto)
				.header("Cookie", sessionCookie(signInPage).substring(0, sessionCookie(signInPage).indexOf(';')));
		}
		HttpResponse<String> signedIn = browser.send(form);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return signedIn;
	}

	private static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
	}

	/** An HTTP client that keeps cookies and does not follow redirects. */
	private static final class Browser {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> send(HttpRequest.Builder request) {
			return ServerModeIntegrationTestSupport.send(this.client, request.build());
		}

	}

}
