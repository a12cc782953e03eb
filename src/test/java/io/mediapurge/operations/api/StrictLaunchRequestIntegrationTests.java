package io.mediapurge.operations.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/executions} over real HTTP refuses every body that does not say
 * exactly what to run, with 400 (413 for a large one) and the reason, and starts nothing:
 * a request that could be read two ways must never become a real purge of everything.
 */
class StrictLaunchRequestIntegrationTests extends ServerModeIntegrationTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

	private long executionsBefore;

	@BeforeEach
	void countExecutions() {
		this.executionsBefore = executions();
	}

	@AfterEach
	void nothingStarted() {
		assertThat(executions()).as("executions started by refused requests").isEqualTo(this.executionsBefore);
	}

	@Test
	void aMisspeltPropertyIsRefusedInsteadOfMeaningEveryContentType() {
		HttpResponse<String> response = launch("{\"dryRun\": true, \"contentType\": [\"ott-release\"]}");

		assertRefused(response, 400, "Unknown property 'contentType'", "contentTypes and dryRun only");
	}

	@Test
	void aDuplicateKeyIsRefusedInsteadOfTheLastOneWinning() {
		HttpResponse<String> response = launch("{\"dryRun\": true, \"dryRun\": false}");

		assertRefused(response, 400, "Duplicate", "dryRun");
	}

	@Test
	void aNumberIsNotABoolean() {
		HttpResponse<String> response = launch("{\"dryRun\": 1}");

		assertRefused(response, 400, "'dryRun' has the wrong type", "true or false");
	}

	@Test
	void aStringIsNotABoolean() {
		HttpResponse<String> response = launch("{\"dryRun\": \"false\"}");

		assertRefused(response, 400, "'dryRun' has the wrong type");
	}

	@Test
	void aSingleNameIsNotAList() {
		HttpResponse<String> response = launch("{\"dryRun\": true, \"contentTypes\": \"gallery\"}");

		assertRefused(response, 400, "'contentTypes' has the wrong type");
	}

	@Test
	void aNumberIsNotAContentTypeName() {
		HttpResponse<String> response = launch("{\"dryRun\": true, \"contentTypes\": [1]}");

		assertRefused(response, 400, "'contentTypes[0]' has the wrong type");
	}

	@Test
	void aSecondDocumentAfterTheRequestIsRefused() {
		HttpResponse<String> response = launch("{\"dryRun\": true} {\"dryRun\": false}");

		assertRefused(response, 400, "not the JSON expected");
	}

	@Test
	void aNullBodyIsRefused() {
		HttpResponse<String> response = launch("null");

		assertRefused(response, 400, "null");
	}

	@Test
	void aMissingDryRunIsRefused() {
		HttpResponse<String> response = launch("{\"contentTypes\": []}");

		assertRefused(response, 400, "Say whether to run for real or dry");
	}

	@Test
	void aLargeBodyIsRefusedWith413() {
		String padding = "x".repeat(LaunchRequestReader.MAX_BODY_BYTES);
		HttpResponse<String> response = launch("{\"dryRun\": true, \"contentTypes\": [\"" + padding + "\"]}");

		assertRefused(response, 413, "larger than " + LaunchRequestReader.MAX_BODY_BYTES + " bytes");
	}

	@Test
	void aLargeBodyWithoutALengthIsRefusedWith413() {
		// chunked: no Content-Length to refuse it by, so the reader stops at the limit
		byte[] body = ("{\"dryRun\": true, \"contentTypes\": [\"" + "y".repeat(1024 * 1024) + "\"]}").getBytes();
		HttpResponse<String> response = send(
				request("/api/executions", OPERATOR).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

		assertRefused(response, 413, "larger than");
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedWith415() {
		HttpResponse<String> response = send(request("/api/executions", OPERATOR).header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")));

		assertRefused(response, 415, "application/json");
	}

	@Test
	void aWellFormedRequestStillStartsARun() {
		HttpResponse<String> response = launch("{\"dryRun\": true, \"contentTypes\": [\"gallery\"]}");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(awaitEnd(json(response).get("id").asLong()).get("dryRun").asBoolean()).isTrue();
		this.executionsBefore++;
	}

	private HttpResponse<String> launch(String body) {
		return post("/api/executions", OPERATOR, body);
	}

	private void assertRefused(HttpResponse<String> response, int status, String... reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("message").asString()).contains(reason);
	}

	private long executions() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
		return (count != null) ? count : 0;
	}

}
