package io.mediapurge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.SampleContent;

/**
 * The README's demos do what it says: the run demo purges the sample content and says why
 * each object left in the bucket was kept; the server demo serves the dashboard's API to
 * its demo users and is healthy on the in-process servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemosIntegrationTests {

	@Test
	void theRunDemoSaysWhyEachObjectLeftInTheBucketWasKept(CapturedOutput output) throws Exception {
		int exitCode = TestMediaPurgeApplication.run();

		assertThat(exitCode).isEqualTo(3);
		String kept = output.getOut().substring(output.getOut().indexOf("Objects left in the bucket, and why"));
		assertThat(kept).contains("galleries/fresh/1.jpg: galleries 'fresh' is in its grace period")
			.contains("galleries/summer/3.jpg: articles 'review' is live (the CMS restored it) and shows it")
			.contains("galleries/winter/1.jpg: galleries 'winter' is live and shows it")
			.contains("articles/review/lead.jpg: articles 'review' is live")
			.containsPattern("shared/logo.png: articles 'tricky' was blocked: .*")
			.contains("galleries/2019/abandoned-upload.jpg: no document shows it (an orphan")
			.contains("galleries/uploads/in-progress.jpg: no document shows it yet (uploaded as the demo started")
			.contains("orphan sweep leaves it until it is older than the sweep's minimum age, 7 days")
			.doesNotContain("galleries/summer/1.jpg")
			.doesNotContain("releases/dune/poster.jpg");
	}

	@Test
	void theRunDemoMakesAndAppliesASweepPlanOfOldOrphansWithTheDefaultMinimumAge(CapturedOutput output)
			throws Exception {
		// the README's worked example, as it runs on the demo
		int exitCode = TestMediaPurgeApplication.run("sweep", "plan", "prefixes=galleries/,articles/", "minAge=P7D",
				";", "sweep", "show", "1", ";", "sweep", "apply", "1", ";", "sweep", "apply", "1");

		assertThat(exitCode).isEqualTo(6);
		String out = output.getOut();
		assertThat(out).contains("media-purge> sweep plan prefixes=galleries/,articles/ minAge=P7D")
			.contains("Plan 1 (execution 1, COMPLETED)")
			.contains("status READY, minimum age 7 days")
			.contains("orphans 2, reclaimable")
			.contains("dangling references 2")
			.containsPattern("galleries/ +8 +1 +6 +1 ")
			.containsPattern("articles/ +4 +0 +3 +1 ")
			.contains("galleries/2019/abandoned-upload.jpg  ")
			.contains("2019-03-02T10:11:12Z")
			.contains("articles/drafts/never-saved-hero.jpg  ")
			.contains("live gallery autumn images: " + SampleContent.CDN + "galleries/autumn/missing.jpg")
			.containsPattern("Plan 1 apply, execution 2: COMPLETED \\{DELETED=2, GONE=0")
			.doesNotContain("Objects left in the bucket");
		assertThat(output.getErr()).contains("an apply cannot run twice");
	}

	@Test
	void theServerDemoServesItsUsersAndIsHealthy() throws Exception {
		try (EmbeddedMongo mongo = new EmbeddedMongo(); EmbeddedS3 s3 = new EmbeddedS3(SampleContent.BUCKET)) {
			ConfigurableApplicationContext server = TestMediaPurgeServer.start(mongo, s3, "operator-secret",
					"viewer-secret", "--server.port=0", "--management.server.port=0");
			try {
				int port = ((WebServerApplicationContext) server).getWebServer().getPort();
				String managementPort = server.getEnvironment().getProperty("local.management.port");
				HttpClient http = HttpClient.newHttpClient();

				HttpResponse<String> health = http
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health"))
						.build(), HttpResponse.BodyHandlers.ofString());
				HttpResponse<String> executions = http
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/executions"))
						.header("Authorization",
								"Basic " + Base64.getEncoder()
									.encodeToString((TestMediaPurgeServer.VIEWER + ":viewer-secret")
										.getBytes(StandardCharsets.UTF_8)))
						.build(), HttpResponse.BodyHandlers.ofString());

				assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
				assertThat(health.body()).contains("\"status\":\"UP\"");
				assertThat(executions.statusCode()).as(executions.body()).isEqualTo(200);

				// and the sweep page has a plan to show: the sample's orphans and its
				// dangling reference, nothing a document shows
				String viewer = "Basic " + Base64.getEncoder()
					.encodeToString((TestMediaPurgeServer.VIEWER + ":viewer-secret").getBytes(StandardCharsets.UTF_8));
				HttpResponse<String> plans = http
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sweep/plans?limit=5"))
						.header("Authorization", viewer)
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(plans.statusCode()).as(plans.body()).isEqualTo(200);
				String planId = plans.body().replaceAll("(?s).*?\"planId\"\\s*:\\s*(\\d+).*", "$1");
				HttpResponse<String> orphans = http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/api/sweep/plans/" + planId + "/orphans"))
					.header("Authorization", viewer)
					.build(), HttpResponse.BodyHandlers.ofString());
				HttpResponse<String> dangling = http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/api/sweep/plans/" + planId + "/dangling"))
					.header("Authorization", viewer)
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(orphans.body()).contains("galleries/2019/abandoned-upload.jpg")
					.contains("articles/drafts/never-saved-hero.jpg")
					.contains("\"total\":2");
				assertThat(dangling.body()).contains("autumn").contains("galleries/autumn/missing.jpg");
			}
			finally {
				server.close();
			}
		}
	}

}
