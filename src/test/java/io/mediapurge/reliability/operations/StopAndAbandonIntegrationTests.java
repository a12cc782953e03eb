package io.mediapurge.reliability.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mediapurge.operations.cli.ExitCodes;

/**
 * Stop and abandon while a step is still running, through the API and the command line,
 * as an operator does it. The run is held after the article step's first chunk has done
 * all its writes (article a1 purged) and before that chunk commits: the step runs, and
 * nothing of that chunk is left to delete. An execution is STOPPING until its step has
 * really stopped, and nothing but restart or abandon applies only then; after the stop
 * takes effect nothing more is deleted: the other article and every other content type
 * stay as they were.
 */
class StopAndAbandonIntegrationTests extends OperationsSafetyTestSupport {

	@Test
	void aStopIsReportedStoppingUntilTheStepHasStoppedAndNothingMoreIsDeleted() throws Exception {
		long id = startRunHeldInTheArticleStep();

		HttpResponse<String> stop = post("/api/executions/" + id + "/stop", OPERATOR, null);

		assertThat(stop.statusCode()).isEqualTo(200);
		assertThat(json(stop).get("status").asString()).isEqualTo("STOPPING");
		assertThat(json(stop).get("message").asString()).contains("STOPPING").contains("current chunk");
		JsonNode stopping = show(id);
		assertThat(stopping.get("status").asString()).isEqualTo("STOPPING");
		assertThat(stopping.get("endTime").isNull()).isTrue();
		assertThat(steps(stopping)).containsExactly("purge-article STARTED");
		assertThat(actions(id)).isEmpty();
		// restart and abandon are refused until the step has stopped, and stop is not
		// asked twice
		for (String action : List.of("restart", "abandon", "stop")) {
			HttpResponse<String> refused = post("/api/executions/" + id + "/" + action, OPERATOR, null);
			assertThat(refused.statusCode()).as(action).isEqualTo(409);
			assertThat(json(refused).get("message").asString()).as(action).contains("STOPPING");
		}
		commandLine("executions", "restart", Long.toString(id)).assertExitCode(ExitCodes.REFUSED.code());
		commandLine("executions", "abandon", Long.toString(id)).assertExitCode(ExitCodes.REFUSED.code());

		this.gate.release();
		JsonNode stopped = awaitEnd(id);

		assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
		assertThat(stopped.get("exitCode").asString()).isEqualTo("STOPPED");
		// the step stopped after its chunk; no other step started
		assertThat(steps(stopped)).containsExactly("purge-article STOPPED");
		assertThat(actions(id)).containsExactly("restart", "abandon");
		assertOnlyTheChunkInFlightWasPurged();
	}

	@Test
	void abandonRightAfterAStopIsRefusedWhileTheStepRunsAndTheRunDeletesNothingMore() throws Exception {
		long id = startRunHeldInTheArticleStep();
		HttpResponse<String> notStopped = post("/api/executions/" + id + "/abandon", OPERATOR, null);
		assertThat(notStopped.statusCode()).isEqualTo(409);
		assertThat(json(notStopped).get("message").asString()).contains("STARTED").contains("stop it first");

		assertThat(post("/api/executions/" + id + "/stop", OPERATOR, null).statusCode()).isEqualTo(200);
		HttpResponse<String> abandon = post("/api/executions/" + id + "/abandon", OPERATOR, null);

		assertThat(abandon.statusCode()).isEqualTo(409);
		assertThat(json(abandon).get("message").asString())
			.isEqualTo("Execution " + id + " is STOPPING: it stops at the end of its current chunk; "
					+ "restart or abandon it once it is STOPPED");
		this.gate.release();
		JsonNode stopped = awaitEnd(id);
		assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
		assertThat(steps(stopped)).containsExactly("purge-article STOPPED");
		assertOnlyTheChunkInFlightWasPurged();
	}

	@Test
	void anExecutionAbandonedOnceReallyStoppedDeletesNothingMoreAndIsNeverRestarted() throws Exception {
		long id = startRunHeldInTheArticleStep();
		assertThat(post("/api/executions/" + id + "/stop", OPERATOR, null).statusCode()).isEqualTo(200);
		// the step is slow to finish its chunk; the operator waits for STOPPED meanwhile
		CompletableFuture<Void> slowChunk = CompletableFuture.runAsync(() -> {
			pause(Duration.ofSeconds(2));
			this.gate.release();
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> show(id).get("status").asString().equals("STOPPED"));

		HttpResponse<String> abandon = post("/api/executions/" + id + "/abandon", OPERATOR, null);

		assertThat(abandon.statusCode()).isEqualTo(200);
		assertThat(json(abandon).get("status").asString()).isEqualTo("ABANDONED");
		slowChunk.join();
		pause(Duration.ofSeconds(2));
		JsonNode abandoned = show(id);
		assertThat(abandoned.get("status").asString()).isEqualTo("ABANDONED");
		assertThat(steps(abandoned)).containsExactly("purge-article STOPPED");
		assertThat(actions(id)).isEmpty();
		HttpResponse<String> restart = post("/api/executions/" + id + "/restart", OPERATOR, null);
		assertThat(restart.statusCode()).isEqualTo(409);
		assertThat(json(restart).get("message").asString()).contains("abandoned");
		assertOnlyTheChunkInFlightWasPurged();
	}

	/**
	 * Article a1, the chunk held when the stop came, is purged; nothing else was deleted
	 * or even sent to S3.
	 */
	private void assertOnlyTheChunkInFlightWasPurged() {
		assertThat(documents()).containsExactly("a2", "g1", "g2", "live", "o1", "t1");
		assertThat(this.s3.keys()).containsExactlyInAnyOrderElementsOf(keysWithout("articles/a1.jpg"));
		assertThat(keysSentToS3()).containsExactly("articles/a1.jpg");
	}

	/**
	 * Seeds, starts a run of every content type through the API and waits until the
	 * article step's first chunk (a1) has done its writes and is held before its commit.
	 */
	private long startRunHeldInTheArticleStep() throws InterruptedException {
		seed();
		this.gate.holdAfterFirstChunk("article");
		HttpResponse<String> started = post("/api/executions", OPERATOR, "{\"dryRun\": false}");
		assertThat(started.statusCode()).isEqualTo(202);
		this.gate.awaitHeld(Duration.ofSeconds(30));
		return json(started).get("id").asLong();
	}

	private static List<String> steps(JsonNode detail) {
		List<String> steps = new ArrayList<>();
		detail.get("steps")
			.forEach((step) -> steps.add(step.get("name").asString() + " " + step.get("status").asString()));
		return steps;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
