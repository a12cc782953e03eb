package io.mediapurge.operations.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

/**
 * Access control of the long-running mode over real HTTP: who may read, who may act, how
 * browsers and API clients sign in, CSRF for browser sessions, and the management port
 * left open to probes and scrapers.
 */
class WebSecurityIntegrationTests extends ServerModeIntegrationTestSupport {

	private static final String START_DRY_RUN = "{\"dryRun\": true, \"contentTypes\": [\"gallery\"]}";

	@Test
	void anUnauthenticatedApiRequestIsRefusedWith401AndJsonNotARedirect() {
		HttpResponse<String> response = get("/api/executions", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("message").asString()).contains("Authentication required");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"media-purge\"");
		assertThat(post("/api/executions", null, START_DRY_RUN).statusCode()).isEqualTo(401);
		assertThat(post("/api/executions/1/restart", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void aBrowserIsNotChallengedForBasicCredentials() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/executions")).header("X-Requested-With", "XMLHttpRequest").GET());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void wrongCredentialsAreRefused() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/executions"))
			.header("Authorization", basic(OPERATOR, "not-" + OPERATOR_PASSWORD))
			.GET());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("message").asString()).contains("Authentication failed");
	}

	@Test
	void aViewerReadsButCannotAct() {
		assertThat(get("/api/executions", VIEWER).statusCode()).isEqualTo(200);
		assertThat(get("/api/trend", VIEWER).statusCode()).isEqualTo(200);

		HttpResponse<String> start = post("/api/executions", VIEWER, START_DRY_RUN);
		assertThat(start.statusCode()).isEqualTo(403);
		assertThat(json(start).get("message").asString()).contains("OPERATOR");
		for (String action : new String[] { "restart", "stop", "recover", "abandon" }) {
			assertThat(post("/api/executions/1/" + action, VIEWER, null).statusCode()).as(action).isEqualTo(403);
		}
	}

	@Test
	void anOperatorActsWithBasicCredentialsAndNoCsrfToken() {
		HttpResponse<String> start = post("/api/executions", OPERATOR, START_DRY_RUN);

		assertThat(start.statusCode()).isEqualTo(202);
		assertThat(awaitEnd(json(start).get("id").asLong()).get("dryRun").asBoolean()).isTrue();
	}

	@Test
	void aBrowserSignsInWithTheFormAndActsWithItsCsrfToken() {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> page = send(browser,
				HttpRequest.newBuilder(uri("/")).header("Accept", "text/html,application/xhtml+xml").GET().build());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(uri("/login")).GET().build());
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(token.find()).as("the login form carries a CSRF token").isTrue();

		HttpResponse<String> signedIn = send(browser,
				HttpRequest.newBuilder(uri("/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString(form("username", OPERATOR, "password", OPERATOR_PASSWORD, "_csrf", token.group(1))))
					.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));

		HttpResponse<String> listed = send(browser, HttpRequest.newBuilder(uri("/api/executions")).GET().build());
		assertThat(listed.statusCode()).isEqualTo(200);

		HttpRequest.Builder start = HttpRequest.newBuilder(uri("/api/executions"))
			.header("Content-Type", "application/json")
			.header("X-Requested-With", "XMLHttpRequest")
			.POST(HttpRequest.BodyPublishers.ofString(START_DRY_RUN));
		HttpResponse<String> withoutToken = send(browser, start.build());
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(json(withoutToken).get("message").asString()).contains("CSRF");

		JsonNode csrf = json(send(browser, HttpRequest.newBuilder(uri("/api/csrf")).GET().build()));
		assertThat(csrf.get("headerName").asString()).isEqualTo("X-CSRF-TOKEN");
		HttpResponse<String> withToken = send(browser,
				start.header(csrf.get("headerName").asString(), csrf.get("token").asString()).build());
		assertThat(withToken.statusCode()).isEqualTo(202);
		assertThat(cookies.getCookieStore().get(uri("/"))).extracting(HttpCookie::getName)
			.containsExactly("JSESSIONID");
		awaitEnd(json(withToken).get("id").asLong());
	}

	@Test
	void theManagementPortServesHealthAndPrometheusWithoutSignIn() {
		HttpClient anonymous = HttpClient.newHttpClient();

		HttpResponse<String> health = send(anonymous, managementGet("/actuator/health"));
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json(health).get("status").asString()).isEqualTo("UP");
		assertThat(send(anonymous, managementGet("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		assertThat(send(anonymous, managementGet("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		HttpResponse<String> prometheus = send(anonymous, managementGet("/actuator/prometheus"));
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");

		// nothing else is exposed there, and the application port does not serve them
		assertThat(send(anonymous, managementGet("/actuator/env")).statusCode()).isIn(401, 404);
		assertThat(send(anonymous, managementGet("/api/executions")).statusCode()).isIn(401, 404);
		assertThat(get("/actuator/health", OPERATOR).statusCode()).isEqualTo(404);
	}

	private HttpRequest managementGet(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path)).GET().build();
	}

	private static String form(String... namesAndValues) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.append((i > 0) ? "&" : "")
				.append(namesAndValues[i])
				.append('=')
				.append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

}
