package io.mediapurge.operations.api;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mediapurge.support.S3Inventories;

/**
 * The sweep's plans over HTTP: viewers read, operators plan and apply, once.
 */
class SweepPlansApiIntegrationTests extends ServerModeIntegrationTestSupport {

	@Test
	void anOperatorPlansAndAppliesOnceAViewerOnlyReads() throws Exception {
		// given
		this.s3.put("galleries/orphan.jpg", "galleries/shown.jpg", "articles/orphan.jpg");
		this.mongo.getCollection("galleries")
			.insertOne(gallery("g", cdnUrl("galleries/shown.jpg"), cdnUrl("galleries/missing.jpg")));

		// a viewer may not plan
		assertThat(post("/api/sweep/plans?prefixes=galleries/&minAge=PT0S", VIEWER, null).statusCode()).isEqualTo(403);

		// when: an operator plans
		HttpResponse<String> planned = post("/api/sweep/plans?prefixes=galleries/&minAge=PT0S", OPERATOR, null);
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(202);
		long planId = json(planned).get("planId").asLong();
		JsonNode plan = awaitStatus(planId, "READY");

		// then: a viewer reads it, its totals, candidates and dangling references
		assertThat(plan.get("orphanObjects").asLong()).isEqualTo(1);
		assertThat(plan.get("reclaimableBytes").asLong()).isPositive();
		assertThat(plan.get("plan").get("totals").get(0).get("prefix").asString()).isEqualTo("galleries/");
		JsonNode orphans = json(get("/api/sweep/plans/" + planId + "/orphans?limit=10", VIEWER));
		assertThat(orphans.get("total").asLong()).isEqualTo(1);
		assertThat(orphans.get("items").get(0).get("key").asString()).isEqualTo("galleries/orphan.jpg");
		JsonNode dangling = json(get("/api/sweep/plans/" + planId + "/dangling", VIEWER));
		assertThat(dangling.get("items").get(0).get("key").asString()).isEqualTo("galleries/missing.jpg");
		assertThat(get("/api/sweep/plans/" + planId + "/orphans.csv", VIEWER).body())
			.contains("\"galleries/orphan.jpg\"");
		List<Long> listed = new ArrayList<>();
		json(get("/api/sweep/plans", VIEWER)).forEach(node -> listed.add(node.get("plan").get("planId").asLong()));
		assertThat(listed).contains(planId);

		// a viewer may not apply; an operator applies once
		HttpResponse<String> refused = post("/api/sweep/plans/" + planId + "/apply", VIEWER, null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused).get("message").asString()).contains("apply a sweep plan");
		assertThat(this.s3.exists("galleries/orphan.jpg")).isTrue();
		assertThat(post("/api/sweep/plans/" + planId + "/apply", OPERATOR, null).statusCode()).isEqualTo(202);
		JsonNode applied = awaitStatus(planId, "APPLIED");
		assertThat(applied.get("outcomes").get("DELETED").asLong()).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("articles/orphan.jpg", "galleries/shown.jpg");
		HttpResponse<String> again = post("/api/sweep/plans/" + planId + "/apply", OPERATOR, null);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("cannot run twice");
		assertThat(get("/api/sweep/plans/424242", VIEWER).statusCode()).isEqualTo(404);
		assertThat(post("/api/sweep/plans?prefixes=,", OPERATOR, null).statusCode()).isEqualTo(400);
	}

	@Test
	void anOperatorPlansFromAnInventoryAndARefusedOneIsABadRequest() throws Exception {
		// given
		this.s3.put("galleries/orphan.jpg");
		S3Inventories inventories = new S3Inventories(this.s3);
		inventories.clear();
		String location = inventories.deliver(Instant.now().minus(Duration.ofHours(1)),
				List.of(inventories.rows("galleries/")));
		String stale = inventories.deliver(Instant.now().minus(Duration.ofDays(30)),
				List.of(inventories.rows("galleries/")));

		// when
		HttpResponse<String> planned = post("/api/sweep/plans?prefixes=galleries/&minAge=PT0S&inventory=" + location,
				OPERATOR, null);

		// then
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(202);
		JsonNode plan = awaitStatus(json(planned).get("planId").asLong(), "READY");
		assertThat(plan.get("plan").get("source").get("type").asString()).isEqualTo("inventory");
		assertThat(plan.get("plan").get("source").get("manifest").asString()).isEqualTo(location);
		assertThat(plan.get("orphanObjects").asLong()).isEqualTo(1);
		HttpResponse<String> refused = post("/api/sweep/plans?prefixes=galleries/&inventory=" + stale, OPERATOR, null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("more than the maximum age");
	}

	private JsonNode awaitStatus(long planId, String status) throws InterruptedException {
		long deadline = System.nanoTime() + 60_000_000_000L;
		JsonNode plan = null;
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get("/api/sweep/plans/" + planId, VIEWER);
			if (response.statusCode() == 200) {
				plan = json(response);
				if (plan.get("plan").get("status").asString().equals(status) && !sweepRunning()) {
					return plan;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Plan " + planId + " did not become " + status + ": " + plan);
	}

	private boolean sweepRunning() {
		return this.launcher.localRuns().anyRunning();
	}

}
