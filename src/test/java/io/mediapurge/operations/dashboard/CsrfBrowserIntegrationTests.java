package io.mediapurge.operations.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-site request forgery, tried as the security probe did, in a real headless
 * Chromium: an operator is signed in; a page of another origin (another port of the same
 * host, so the same site: the session cookie goes along even with
 * {@code SameSite=Strict}, and a cookie that page sets is sent to the console too) plants
 * its own {@code XSRF-TOKEN} cookie and auto-submits a form with the matching masked
 * {@code _csrf} field to one of the actions that take no body. Nothing happens: the token
 * is bound to the session and read from a header only.
 */
@ExtendWith(OutputCaptureExtension.class)
class CsrfBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

	private static final SecureRandom random = new SecureRandom();

	@Autowired
	private JdbcTemplate jdbc;

	private HeadlessChromium browser;

	private HttpServer otherSite;

	@BeforeEach
	void startBrowserAndTheOtherSite() throws IOException {
		this.browser = new HeadlessChromium("http://localhost:" + this.port);
		this.otherSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.otherSite.createContext("/", (exchange) -> {
			String[] query = exchange.getRequestURI().getQuery().split("&");
			byte[] page = forgingPage(query[0].substring("action=".length()), query[1].substring("id=".length()))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		this.otherSite.start();
	}

	@AfterEach
	void stopBrowserAndTheOtherSite() {
		if (this.browser != null) {
			this.browser.close();
		}
		this.otherSite.stop(0);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "abandon", "restart", "recover", "stop" })
	void aFormOnAnotherOriginCannotActWithTheOperatorsSession(String action, CapturedOutput output) {
		// given: a failed run, and an operator signed in to the console
		long failed = failedRun();
		long executions = executionCount();
		this.browser.signIn(OPERATOR, OPERATOR_PASSWORD);

		// when: the operator opens a page of another origin, which forges the action
		this.browser.driver()
			.get("http://localhost:" + this.otherSite.getAddress().getPort() + "/?action=" + action + "&id=" + failed);
		this.browser.await(Duration.ofSeconds(20),
				(driver) -> driver.getCurrentUrl().startsWith("http://localhost:" + this.port + "/api/"));
		String answer = this.browser.driver().findElement(org.openqa.selenium.By.tagName("body")).getText();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("forged-" + action + ".png"));

		// then: refused for its CSRF token, and nothing happened
		assertThat(answer).contains("Forbidden: missing or invalid CSRF token");
		assertThat(status(failed)).isEqualTo("FAILED");
		assertThat(executionCount()).isEqualTo(executions);
		assertThat(output.getAll()).doesNotContain("Abandoned execution")
			.doesNotContain("Restarted execution")
			.doesNotContain("Recovered execution");

		// and the page's own request, with the token in its header, still works
		assertThat(this.browser.post("/api/executions/" + failed + "/abandon")).isEqualTo(200);
		assertThat(status(failed)).isEqualTo("ABANDONED");
	}

	/**
	 * The other site's page: it sets its own token cookie (host-only, so also sent to the
	 * console on another port of the same host) and posts the token, masked as Spring
	 * Security masks it, in the form field a double-submit check would compare it with.
	 */
	private String forgingPage(String action, String executionId) {
		String token = UUID.randomUUID().toString();
		byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
		byte[] mask = new byte[bytes.length];
		random.nextBytes(mask);
		byte[] masked = new byte[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			masked[i] = mask[i];
			masked[bytes.length + i] = (byte) (mask[i] ^ bytes[i]);
		}
		String field = Base64.getUrlEncoder().encodeToString(masked);
		return """
				<!DOCTYPE html>
				<html><head><title>Cute cats</title></head><body>
				<form id="forged" method="post" action="http://localhost:%d/api/executions/%s/%s">
				  <input type="hidden" name="_csrf" value="%s">
				</form>
				<script>
				  document.cookie = 'XSRF-TOKEN=%s; path=/';
				  document.getElementById('forged').submit();
				</script>
				</body></html>
				""".formatted(this.port, executionId, action, field, token);
	}

	private long failedRun() {
		this.s3.put("galleries/fail/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g-fail", cdnUrl("galleries/fail/1.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		long id = json(post("/api/executions", OPERATOR, "{\"dryRun\": false, \"contentTypes\": [\"gallery\"]}"))
			.get("id")
			.asLong();
		assertThat(awaitEnd(id).get("status").asString()).isEqualTo("FAILED");
		return id;
	}

	private String status(long executionId) {
		return this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, executionId);
	}

	private long executionCount() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
		return (count != null) ? count : 0;
	}

}
