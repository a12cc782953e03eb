package io.mediapurge.operations.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;
import io.mediapurge.operations.metrics.PrometheusScrape;
import io.mediapurge.operations.metrics.SampleNight;

/**
 * In the long-running mode, over HTTP: an operator starts a dry run, a viewer reads its
 * plan as JSON and CSV; a real run has no plan; the scrape endpoint on the management
 * port shows the dry run's counts under {@code dry_run="true"}.
 */
class DryRunPlanApiIntegrationTests extends ServerModeIntegrationTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aViewerReadsTheDryRunsPlanAsJsonAndCsv() {
		this.jdbc.update("DELETE FROM purge_deleted_image");
		SampleNight.seed(this.mongo, this.s3, this.jdbc);
		long id = startAndAwait("{\"dryRun\": true}");

		HttpResponse<String> plan = get("/api/executions/" + id + "/plan", VIEWER);

		assertThat(plan.statusCode()).isEqualTo(200);
		assertThat(plan.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		JsonNode body = json(plan);
		assertThat(body.get("executionId").asLong()).isEqualTo(id);
		assertThat(body.get("totals").get("documentsToPurge").asInt()).isEqualTo(4);
		assertThat(body.get("totals").get("imagesToDelete").asInt()).isEqualTo(5);
		assertThat(body.get("contentTypes").get("gallery").get("documentsBlocked").asInt()).isEqualTo(1);
		JsonNode g1 = body.get("documents").get(1);
		assertThat(g1.get("documentId").asString()).isEqualTo("g1");
		assertThat(g1.get("keysToDelete").toString()).isEqualTo("[\"galleries/g1/1.jpg\",\"galleries/g1/2.jpg\"]");
		assertThat(g1.get("keysShared").toString()).isEqualTo("[\"shared/logo.jpg\"]");
		assertThat(g1.get("externalUrls").get(0).asString()).isEqualTo(SampleNight.EXTERNAL_URL);
		assertThat(body.get("skipped").get(0).get("reasonCode").asString()).isEqualTo("not-an-array");

		HttpResponse<String> csv = get("/api/executions/" + id + "/plan.csv", VIEWER);

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(value -> assertThat(value).contains("dry-run-plan-" + id + ".csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(DryRunPlanCsv.HEADER);
		assertThat(lines).filteredOn(line -> line.contains(",\"delete\",")).hasSize(5);

		PrometheusScrape scrape = new PrometheusScrape(send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/prometheus"))
					.GET())
			.body());
		assertThat(scrape.sum("media_purge_documents_total", "content_type", "gallery", "outcome", "purged", "dry_run",
				"true"))
			.isGreaterThanOrEqualTo(3);
		assertThat(scrape.names()).contains("spring_batch_job_seconds_count", "spring_batch_step_seconds_count",
				"spring_batch_item_read_seconds_count", "spring_batch_chunk_write_seconds_count");
	}

	@Test
	void aRealRunAnUnknownExecutionOrAnAnonymousCallerGetsNoPlan() {
		long id = startAndAwait("{\"dryRun\": false, \"contentTypes\": [\"article\"]}");

		HttpResponse<String> real = get("/api/executions/" + id + "/plan", VIEWER);
		assertThat(real.statusCode()).isEqualTo(404);
		assertThat(json(real).get("message").asString()).contains("not a dry run");
		HttpResponse<String> realCsv = get("/api/executions/" + id + "/plan.csv", VIEWER);
		assertThat(realCsv.statusCode()).isEqualTo(404);
		assertThat(json(realCsv).get("message").asString()).contains("not a dry run");
		HttpResponse<String> unknown = get("/api/executions/987654/plan", VIEWER);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("message").asString()).isEqualTo("No execution 987654");
		assertThat(get("/api/executions/" + id + "/plan", null).statusCode()).isEqualTo(401);
	}

	private long startAndAwait(String request) {
		HttpResponse<String> started = post("/api/executions", OPERATOR, request);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long id = json(started).get("id").asLong();
		assertThat(awaitEnd(id).get("status").asString()).isEqualTo("COMPLETED");
		return id;
	}

}
