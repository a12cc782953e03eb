package io.mediapurge.operations.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port serves the actuator's health and Prometheus endpoints and nothing
 * else: no sign-in page, no session, and credentials sent there are never checked (it
 * would be a way around any rate limit at the ingress).
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagementPortIntegrationTests extends ServerModeIntegrationTestSupport {

	private final HttpClient anonymous = HttpClient.newHttpClient();

	@Test
	void thereIsNoSignInPageOnTheManagementPort() {
		for (String path : new String[] { "/", "/login", "/index.html", "/api/executions" }) {
			HttpResponse<String> response = send(this.anonymous, managementGet(path).build());
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
			assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
		HttpResponse<String> form = send(this.anonymous, HttpRequest.newBuilder(management("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + OPERATOR + "&password=" + OPERATOR_PASSWORD))
			.build());
		assertThat(form.statusCode()).isNotEqualTo(302).isIn(403, 404, 405);
		assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void credentialsSentToTheManagementPortAreNeverChecked(CapturedOutput output) {
		// a wrong password: the endpoints answer as to anyone, nothing is checked or
		// logged
		HttpResponse<String> health = send(this.anonymous,
				managementGet("/actuator/health").header("Authorization", basic(OPERATOR, "wrong-guess")).build());
		HttpResponse<String> api = send(this.anonymous,
				managementGet("/api/executions").header("Authorization", basic(OPERATOR, "another-guess")).build());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(output.getAll()).doesNotContain("Failed sign-in");
	}

	private HttpRequest.Builder managementGet(String path) {
		return HttpRequest.newBuilder(management(path)).GET();
	}

	private URI management(String path) {
		return URI.create("http://localhost:" + this.managementPort + path);
	}

}
