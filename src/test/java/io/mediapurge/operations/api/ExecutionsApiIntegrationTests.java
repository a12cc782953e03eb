package io.mediapurge.operations.api;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API end to end: a run started through it and shown with its per-content-type
 * figures, a failed run restarted through it, and the refusals of what does not apply.
 */
class ExecutionsApiIntegrationTests extends ServerModeIntegrationTestSupport {

	@Test
	void aRunStartedThroughTheApiIsListedAndShownWithItsFiguresPerContentType() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "releases/o1/poster.jpg");
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/2.jpg"))),
					due(new Document("gallery_id", "g-bad").append("images", cdnUrl("galleries/bad.jpg")))));
		this.mongo.getCollection("ott_releases").insertOne(due(ottRelease("o1", cdnUrl("releases/o1/poster.jpg"))));

		HttpResponse<String> started = post("/api/executions", OPERATOR, "{\"dryRun\": false, \"contentTypes\": []}");

		assertThat(started.statusCode()).isEqualTo(202);
		long id = json(started).get("id").asLong();
		assertThat(json(started).get("message").asString()).contains("Started run " + id);
		assertThat(started.headers().firstValue("Location")).hasValue("/api/executions/" + id);
		JsonNode detail = awaitEnd(id);

		assertThat(detail.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(detail.get("exitCode").asString()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(detail.get("dryRun").asBoolean()).isFalse();
		assertThat(detail.get("totals").get("imagesDeleted").asLong()).isEqualTo(3);
		assertThat(detail.get("totals").get("documentsPurged").asLong()).isEqualTo(2);
		assertThat(detail.get("totals").get("skipReasons").get("not-an-array").asLong()).isEqualTo(1);
		assertThat(detail.get("startTime").asString()).endsWith("Z");
		assertThat(detail.get("launchedAt").asString()).endsWith("Z");
		JsonNode galleries = step(detail, "gallery");
		assertThat(galleries.get("name").asString()).isEqualTo("purge-gallery");
		assertThat(galleries.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(galleries.get("commitCount").asLong()).isPositive();
		assertThat(galleries.get("summaryRecorded").asBoolean()).isTrue();
		assertThat(galleries.get("summary").get("documentsPurged").asLong()).isEqualTo(1);
		assertThat(galleries.get("summary").get("imagesDeleted").asLong()).isEqualTo(2);
		assertThat(galleries.get("summary").get("documentsSkipped").asLong()).isEqualTo(1);
		assertThat(step(detail, "ott-release").get("summary").get("imagesDeleted").asLong()).isEqualTo(1);
		assertThat(detail.get("events")).singleElement().satisfies((event) -> {
			assertThat(event.get("documentId").asString()).isEqualTo("g-bad");
			assertThat(event.get("event").asString()).isEqualTo("SKIPPED");
			assertThat(event.get("reasonCode").asString()).isEqualTo("not-an-array");
		});
		assertThat(detail.get("eventsByReason")).singleElement().satisfies((count) -> {
			assertThat(count.get("contentType").asString()).isEqualTo("gallery");
			assertThat(count.get("event").asString()).isEqualTo("SKIPPED");
			assertThat(count.get("reasonCode").asString()).isEqualTo("not-an-array");
			assertThat(count.get("count").asLong()).isEqualTo(1);
		});
		assertThat(detail.get("failures")).isEmpty();
		assertThat(detail.get("actions")).isEmpty();

		HttpResponse<String> listed = get("/api/executions?limit=5", VIEWER);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode first = json(listed).get(0);
		assertThat(first.get("id").asLong()).isEqualTo(id);
		assertThat(first.get("totals").get("imagesDeleted").asLong()).isEqualTo(3);
		assertThat(first.get("contentTypes")).isEmpty();
		assertThat(first.has("steps")).isFalse();
	}

	@Test
	void aFailedRunIsRestartedThroughTheApiAndFinishesWithNothingLeftBehind() {
		this.s3.put("galleries/g1/1.jpg", "galleries/live.jpg");
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", s3Url("galleries/g1/1.jpg"))),
					gallery("live", cdnUrl("galleries/live.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		long failedId = json(post("/api/executions", OPERATOR, "{\"dryRun\": false, \"contentTypes\": [\"gallery\"]}"))
			.get("id")
			.asLong();
		JsonNode failed = awaitEnd(failedId);
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("contentTypes")).extracting(JsonNode::asString).containsExactly("gallery");
		assertThat(failed.get("failures").get(0).asString()).contains("purge-gallery", "S3 refused DeleteObjects");
		assertThat(failed.get("actions")).extracting(JsonNode::asString).containsExactly("restart", "abandon");

		HttpResponse<String> restart = post("/api/executions/" + failedId + "/restart", OPERATOR, null);

		assertThat(restart.statusCode()).isEqualTo(202);
		long restartedId = json(restart).get("id").asLong();
		assertThat(restartedId).isNotEqualTo(failedId);
		assertThat(json(restart).get("message").asString()).contains("execution " + restartedId);
		JsonNode restarted = awaitEnd(restartedId);
		assertThat(restarted.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(restarted.get("instanceId").asLong()).isEqualTo(failed.get("instanceId").asLong());
		assertThat(step(restarted, "gallery").get("summary").get("documentsPurged").asLong()).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/live.jpg");

		// restarted once: never again
		HttpResponse<String> again = post("/api/executions/" + failedId + "/restart", OPERATOR, null);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json(again).get("message").asString()).contains("already restarted as execution " + restartedId);
	}

	@Test
	void actionsThatDoNotApplyAreRefusedWithAMessage() {
		long completed = json(post("/api/executions", OPERATOR, "{\"dryRun\": true}")).get("id").asLong();
		awaitEnd(completed);

		HttpResponse<String> restart = post("/api/executions/" + completed + "/restart", OPERATOR, null);
		assertThat(restart.statusCode()).isEqualTo(409);
		assertThat(json(restart).get("message").asString()).contains("Cannot restart execution " + completed)
			.contains("completed");
		for (String action : List.of("stop", "recover", "abandon")) {
			HttpResponse<String> refused = post("/api/executions/" + completed + "/" + action, OPERATOR, null);
			assertThat(refused.statusCode()).as(action).isEqualTo(409);
			assertThat(json(refused).get("message").asString()).as(action).isNotBlank();
		}

		HttpResponse<String> unknown = get("/api/executions/987654321", VIEWER);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("message").asString()).contains("987654321");
		assertThat(post("/api/executions/987654321/restart", OPERATOR, null).statusCode()).isEqualTo(404);
		assertThat(post("/api/executions/987654321/abandon", OPERATOR, null).statusCode()).isEqualTo(404);
	}

	@Test
	void requestsThatMakeNoSenseAreRefusedWithAMessage() {
		HttpResponse<String> unknownType = post("/api/executions", OPERATOR,
				"{\"dryRun\": true, \"contentTypes\": [\"podcast\"]}");
		assertThat(unknownType.statusCode()).isEqualTo(400);
		assertThat(json(unknownType).get("message").asString()).contains("podcast");

		HttpResponse<String> noDryRun = post("/api/executions", OPERATOR, "{\"contentTypes\": []}");
		assertThat(noDryRun.statusCode()).isEqualTo(400);
		assertThat(json(noDryRun).get("message").asString()).contains("dryRun");
		assertThat(post("/api/executions", OPERATOR, null).statusCode()).isEqualTo(400);
		assertThat(post("/api/executions", OPERATOR, "{\"dryRun\": ").statusCode()).isEqualTo(400);

		assertThat(json(get("/api/executions?limit=0", VIEWER)).get("message").asString()).contains("limit");
		assertThat(get("/api/executions?limit=many", VIEWER).statusCode()).isEqualTo(400);
		assertThat(get("/api/executions/abc", VIEWER).statusCode()).isEqualTo(400);
		assertThat(get("/api/trend?days=0", VIEWER).statusCode()).isEqualTo(400);
	}

	@Test
	void theTrendHasOnePointADayEndingToday() {
		HttpResponse<String> trend = get("/api/trend?days=7", VIEWER);

		assertThat(trend.statusCode()).isEqualTo(200);
		JsonNode points = json(trend);
		assertThat(points).hasSize(7);
		assertThat(points.get(6).get("date").asString()).isEqualTo(LocalDate.now().toString());
		assertThat(points.get(0).get("imagesDeleted").isNumber()).isTrue();
		assertThat(points.get(0).get("documentsPurged").isNumber()).isTrue();
	}

	@Test
	void usersCanAskWhoTheyAreAndWhatTheyMayDo() {
		JsonNode viewer = json(get("/api/me", VIEWER));
		JsonNode operator = json(get("/api/me", OPERATOR));

		assertThat(viewer.get("username").asString()).isEqualTo(VIEWER);
		assertThat(viewer.get("roles")).extracting(JsonNode::asString).containsExactly("VIEWER");
		assertThat(viewer.get("operator").asBoolean()).isFalse();
		assertThat(operator.get("roles")).extracting(JsonNode::asString).containsExactly("OPERATOR");
		assertThat(operator.get("operator").asBoolean()).isTrue();
	}

	private static JsonNode step(JsonNode detail, String contentType) {
		for (JsonNode step : detail.get("steps")) {
			if (step.get("contentType").asString().equals(contentType)) {
				return step;
			}
		}
		throw new AssertionError("No step for " + contentType + " in " + detail);
	}

}
