package io.mediapurge.operations.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

/**
 * Health of the long-running mode on the in-process MongoDB server, as probes and the
 * local demo see it: UP, with the CMS database answering, and Spring Boot's MongoDB check
 * not switched off to get there.
 */
class HealthIntegrationTests extends ServerModeIntegrationTestSupport {

	@Test
	void healthIsUpWithTheCmsDatabaseChecked(@Autowired HealthContributorRegistry contributors) throws Exception {
		HttpResponse<String> health = this.http.send(management("/actuator/health"),
				HttpResponse.BodyHandlers.ofString());

		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(this.json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
		assertThat(contributors.getContributor("mongo")).isInstanceOf(CmsDatabaseHealthIndicator.class);
	}

	private HttpRequest management(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path)).GET().build();
	}

}
