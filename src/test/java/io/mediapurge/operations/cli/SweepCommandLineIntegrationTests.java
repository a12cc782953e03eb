package io.mediapurge.operations.cli;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.SecondProcess;
import io.mediapurge.support.TestServers;

/**
 * {@code java -jar media-purge.jar sweep ...} end to end, each command in an application
 * of its own on a job repository shared with this test's application: the verbs, the JSON
 * form of a plan and the exit codes.
 */
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SweepCommandLineIntegrationTests extends ApplicationTestSupport {

	static final String REPOSITORY = "jdbc:h2:mem:sweep-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	static final SecondProcess COMMAND_LINE = SecondProcess.on(REPOSITORY);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> REPOSITORY);
	}

	@Test
	void planShowApplyAndListWithTheirExitCodes(CapturedOutput output) {
		// given
		this.s3.put("galleries/orphan.jpg", "galleries/kept.jpg", "galleries/shown.jpg", "articles/other.jpg");
		this.mongo.getCollection("galleries")
			.insertOne(gallery("g-1", cdnUrl("galleries/shown.jpg"), cdnUrl("galleries/missing.jpg")));

		// when: a plan of one prefix with no minimum age
		assertThat(cli("sweep", "plan", "prefixes=galleries/", "minAge=PT0S")).isEqualTo(0);
		Matcher planned = Pattern.compile("Plan (\\d+) \\(execution").matcher(output.getOut());
		assertThat(planned.find()).isTrue();
		String planId = planned.group(1);
		assertThat(output.getOut()).contains("orphans 2").containsPattern("galleries/ +3 +0 +1 +2");
		// in words, not "PT0S" and "0.00e+00"
		assertThat(output.getOut()).contains("minimum age none (objects modified before ")
			.contains("false-keep rate none");

		// then: its JSON form
		int before = output.getOut().length();
		assertThat(cli("sweep", "show", planId, "format=json")).isEqualTo(0);
		JsonNode json = JsonMapper.builder().build().readTree(output.getOut().substring(before));
		assertThat(json.get("planId").asLong()).isEqualTo(Long.parseLong(planId));
		List<String> orphans = new ArrayList<>();
		json.get("orphans").forEach(orphan -> {
			orphans.add(orphan.get("key").asString());
			assertThat(orphan.get("size").asLong()).isPositive();
			assertThat(orphan.get("lastModified").asString()).isNotBlank();
			assertThat(orphan.get("eTag").asString()).isNotBlank();
		});
		assertThat(orphans).containsExactly("galleries/kept.jpg", "galleries/orphan.jpg");
		JsonNode dangling = json.get("dangling").get(0);
		assertThat(dangling.get("contentType").asString()).isEqualTo("gallery");
		assertThat(dangling.get("documentId").asString()).isEqualTo("g-1");
		assertThat(dangling.get("field").asString()).isEqualTo("images");
		assertThat(dangling.get("url").asString()).isEqualTo(cdnUrl("galleries/missing.jpg"));
		assertThat(dangling.get("key").asString()).isEqualTo("galleries/missing.jpg");
		assertThat(cli("sweep", "show", planId, "format=csv")).isEqualTo(0);
		assertThat(output.getOut()).contains("key,size,last_modified,etag,prefix,outcome,outcome_reason")
			.contains("\"galleries/orphan.jpg\"");

		// a document shows one candidate before the apply: kept, exit code 3
		this.mongo.getCollection("galleries").insertOne(gallery("g-2", cdnUrl("galleries/kept.jpg")));
		assertThat(cli("sweep", "apply", planId)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES.code());
		assertThat(this.s3.keys()).containsExactly("articles/other.jpg", "galleries/kept.jpg", "galleries/shown.jpg");
		assertThat(cli("sweep", "apply", planId)).isEqualTo(ExitCodes.REFUSED.code());
		assertThat(output.getErr()).contains("an apply cannot run twice");
		assertThat(cli("sweep", "list")).isEqualTo(0);
		assertThat(output.getOut()).containsPattern(planId + " +APPLIED");
	}

	@Test
	void executionsListShowsTheSweepsExecutionsWhenAskedAndThePurgesAsBefore(CapturedOutput output) {
		// given: a purge run, then a sweep plan and its apply
		JobExecution purge = this.launcher.run(false, Set.of());
		this.s3.put("galleries/orphan.jpg");
		assertThat(cli("sweep", "plan", "prefixes=galleries/", "minAge=PT0S")).isEqualTo(0);
		Matcher planned = Pattern.compile("Plan (\\d+) \\(execution (\\d+)").matcher(output.getOut());
		assertThat(planned.find()).isTrue();
		String planId = planned.group(1);
		long planExecution = Long.parseLong(planned.group(2));
		assertThat(cli("sweep", "apply", planId)).isEqualTo(0);
		Matcher applied = Pattern.compile("Plan " + planId + " apply, execution (\\d+)").matcher(output.getOut());
		assertThat(applied.find()).isTrue();
		long applyExecution = Long.parseLong(applied.group(1));

		// when / then: by default the purge's list, as before, and no sweep in it
		int before = output.getOut().length();
		assertThat(cli("executions", "list")).isEqualTo(0);
		String purges = output.getOut().substring(before);
		assertThat(purges)
			.containsPattern(
					"\nID +STATUS +EXIT CODE +STARTED +DURATION +DRY RUN +CONTENT TYPES +PURGED +IMAGES DELETED "
							+ "+SKIPPED +BLOCKED\n" + purge.getId() + " +COMPLETED +COMPLETED ")
			.doesNotContain("orphanSweepJob")
			.doesNotContainPattern("\n" + planExecution + " ");

		// the sweep's: job, action and plan
		before = output.getOut().length();
		assertThat(cli("executions", "list", "job=sweep")).isEqualTo(0);
		String sweeps = output.getOut().substring(before);
		assertThat(sweeps).containsPattern("\nID +JOB +STATUS +EXIT CODE +STARTED +DURATION +ACTION +PLAN\n")
			.containsPattern("\n" + applyExecution
					+ " +orphanSweepJob +COMPLETED +COMPLETED +\\S+ \\S+ \\S+ +\\d+s +apply +" + planId + "\n")
			.containsPattern("\n" + planExecution
					+ " +orphanSweepJob +COMPLETED +COMPLETED +\\S+ \\S+ \\S+ +\\d+s +plan +" + planId + "\n")
			.doesNotContain("mediaPurgeJob");

		// both, newest first
		before = output.getOut().length();
		assertThat(cli("executions", "list", "job=all", "limit=3")).isEqualTo(0);
		String all = output.getOut().substring(before);
		assertThat(all).containsPattern("\n" + applyExecution + " +orphanSweepJob .* apply +" + planId + "\n"
				+ planExecution + " +orphanSweepJob .* plan +" + planId + "\n" + purge.getId()
				+ " +mediaPurgeJob +COMPLETED +COMPLETED .* run +-\n");

		// and a job it does not know is refused
		assertThat(cli("executions", "list", "job=sweeps")).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output.getErr()).contains("job must be purge, sweep or all, got 'sweeps'");
	}

	@Test
	void badArgumentsAndUnknownPlans(CapturedOutput output) {
		assertThat(cli("sweep", "plan")).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output.getErr()).contains("A sweep needs key prefixes");
		assertThat(cli("sweep", "plan", "prefixes=")).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(cli("sweep", "plan", "prefixes=galleries/", "minAge=seven days"))
			.isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(cli("sweep", "show", "424242")).isEqualTo(ExitCodes.UNKNOWN_EXECUTION.code());
		assertThat(cli("sweep", "apply", "424242")).isEqualTo(ExitCodes.UNKNOWN_EXECUTION.code());
		assertThat(cli("sweep", "dance")).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(this.s3.faults().listedPrefixes()).isEmpty();
	}

	private int cli(String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--media-purge.s3.delete.initial-backoff=5ms", "--media-purge.s3.delete.max-backoff=20ms"));
		all.addAll(List.of(arguments));
		return COMMAND_LINE.run(all.toArray(String[]::new));
	}

}
