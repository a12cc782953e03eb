package io.mediapurge.operations.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

/**
 * An address that names no page: a signed-in person's browser gets a page of the product
 * with its way back, not the framework's error page; an API client still gets JSON.
 */
class NotFoundPageIntegrationTests extends ServerModeIntegrationTestSupport {

	@Test
	void aBrowserGetsThePagesOwn404WithLinksBack() {
		HttpResponse<String> response = send(request("/no-such-page", VIEWER).header("Accept", "text/html").GET());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("Page not found")
			.contains("href=\"/\"")
			.contains("href=\"/sweep.html\"")
			.doesNotContain("Whitelabel");
	}

	@Test
	void anApiClientStillGetsJson() {
		HttpResponse<String> response = get("/api/no-such-resource", VIEWER);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("Page not found");
	}

}
