package io.mediapurge.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

import io.mediapurge.operations.cli.ExitCodes;

import static io.mediapurge.helm.RenderedChart.at;
import static io.mediapurge.helm.RenderedChart.value;
import static io.mediapurge.helm.RenderedChart.container;
import static io.mediapurge.helm.RenderedChart.env;
import static io.mediapurge.helm.RenderedChart.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart lints, and renders the nightly run the way a platform team expects: one
 * run at a time, retried only when a retry can help, in a hardened pod, with secrets only
 * from existing Secrets.
 */
class HelmChartTests {

	@Test
	void theChartsDefaultsAloneAreRefusedForTheValuesOnlyTheReleaseKnows() {
		// when
		LintResult result = HelmChart.lint();

		// then
		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("s3.bucket", "mongodb.existingSecret",
				"jobRepository.url", "jobRepository.existingSecret");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ciValueSets")
	void lintsCleanWithEachValueSetOfItsCiFolder(Path valuesFile, @TempDir Path workDir) throws IOException {
		// when
		LintResult result = HelmChart.lintWith(valuesFile, workDir);

		// then
		assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
		assertThat(result.isFailed()).isFalse();
	}

	static Stream<Path> ciValueSets() throws IOException {
		return Files.list(HelmChart.CI).filter(p -> p.toString().endsWith(".yaml")).sorted();
	}

	@Test
	void theMinimalValuesRenderTheNightlyCronJobAndNothingOfTheOperationsMode() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith();

		// then
		assertThat(chart.names()).containsExactlyInAnyOrder("ServiceAccount/nightly-media-purge",
				"ConfigMap/nightly-media-purge-config", "ConfigMap/nightly-media-purge-jobs",
				"CronJob/nightly-media-purge");
	}

	@Test
	void theCronJobRunsOneNightAtATimeWithinItsDeadlines() {
		// when
		Map<String, Object> cronJob = HelmChart.renderMinimalWith("""
				cronjob:
				  schedule: "30 1 * * *"
				  timeZone: Europe/Paris
				""").one("CronJob");

		// then
		assertThat(cronJob)
			.extracting(c -> value(c, "spec.schedule"), c -> value(c, "spec.timeZone"),
					c -> value(c, "spec.concurrencyPolicy"), c -> value(c, "spec.startingDeadlineSeconds"),
					c -> value(c, "spec.successfulJobsHistoryLimit"), c -> value(c, "spec.failedJobsHistoryLimit"))
			.containsExactly("30 1 * * *", "Europe/Paris", "Forbid", 3600, 3, 3);
		Map<String, Object> job = at(cronJob, "spec.jobTemplate.spec");
		assertThat(job).containsEntry("backoffLimit", 2)
			.containsEntry("activeDeadlineSeconds", 21600)
			.containsEntry("ttlSecondsAfterFinished", 604800);
		Map<String, Object> pod = podSpec(cronJob);
		assertThat(pod).containsEntry("restartPolicy", "Never");
		// the running chunk may finish: one DeleteObjects request of a chunk, every
		// attempt
		// timing out (5 x 30 s) with the backoffs between them (at most 4 x 10 s)
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(5 * 30 + 4 * 10);
		assertThat(value(container(cronJob), "args")).isEqualTo(List.of("dryRun=false"));
	}

	@Test
	void theCronJobsArgumentsAreTheOneShotRunsOwn() {
		// when
		Map<String, Object> cronJob = HelmChart.renderMinimalWith("""
				cronjob:
				  dryRun: true
				  contentTypes: [gallery, article]
				""").one("CronJob");

		// then
		assertThat(value(container(cronJob), "args")).isEqualTo(List.of("dryRun=true", "contentTypes=gallery,article"));
	}

	@Test
	void kubernetesNeverRetriesAnExitCodeThatARetryCannotFix() {
		// when
		List<Map<String, Object>> rules = at(HelmChart.renderMinimalWith().one("CronJob"),
				"spec.jobTemplate.spec.podFailurePolicy.rules");

		// then: an evicted pod is retried without counting; the codes below fail the Job
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0)).containsEntry("action", "Ignore");
		assertThat(value(rules.get(0), "onPodConditions[0].type")).isEqualTo("DisruptionTarget");
		assertThat(rules.get(1)).containsEntry("action", "FailJob");
		assertThat(value(rules.get(1), "onExitCodes.operator")).isEqualTo("In");
		assertThat(value(rules.get(1), "onExitCodes.containerName")).isEqualTo("media-purge");
		List<Integer> failJob = at(rules.get(1), "onExitCodes.values");
		assertThat(failJob).contains(ExitCodes.CONFIGURATION_ERROR.code(), ExitCodes.REFUSED.code(),
				ExitCodes.COMPLETED_WITH_ISSUES.code(), ExitCodes.STOPPED.code());
		Arrays.stream(ExitCodes.values())
			.filter(code -> code.name().contains("GUARD"))
			.forEach(guard -> assertThat(failJob).as("the guard's exit code").contains(guard.code()));
		// what a retry can fix: an unreachable database at start-up, a failed step
		assertThat(failJob).doesNotContain(ExitCodes.STARTUP_FAILED.code(), ExitCodes.FAILED.code());
		assertThat(failJob).isSorted();
	}

	@Test
	void exitCodesAddedInValuesAreRenderedInTheAscendingOrderKubernetesRequires() {
		// when
		Map<String, Object> cronJob = HelmChart.renderMinimalWith("""
				cronjob:
				  podFailurePolicy:
				    failJobOnExitCodes: [7, 6, 2]
				    ignoreDisruptions: false
				""").one("CronJob");

		// then
		List<Map<String, Object>> rules = at(cronJob, "spec.jobTemplate.spec.podFailurePolicy.rules");
		assertThat(rules).hasSize(1);
		assertThat(value(rules.get(0), "onExitCodes.values")).isEqualTo(List.of(2, 6, 7));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ciValueSets")
	void everyPodIsHardened(Path valuesFile) {
		// given
		RenderedChart chart = HelmChart.render(List.of(valuesFile));

		// then
		Stream.concat(chart.ofKind("CronJob").stream(), chart.ofKind("Deployment").stream()).forEach(workload -> {
			Map<String, Object> pod = podSpec(workload);
			assertThat(pod).containsEntry("automountServiceAccountToken", false);
			assertThat(value(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
			assertThat(value(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
			Map<String, Object> container = container(workload);
			Map<String, Object> security = at(container, "securityContext");
			assertThat(security).containsEntry("runAsNonRoot", true)
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("privileged", false);
			assertThat(value(security, "capabilities.drop")).isEqualTo(List.of("ALL"));
			assertThat(value(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
			// the one writable place: /tmp, an emptyDir
			List<Map<String, Object>> mounts = at(container, "volumeMounts");
			assertThat(mounts).filteredOn(m -> "/tmp".equals(m.get("mountPath"))).singleElement().satisfies(m -> {
				List<Map<String, Object>> volumes = at(pod, "volumes");
				assertThat(volumes).filteredOn(v -> m.get("name").equals(v.get("name")))
					.singleElement()
					.satisfies(v -> assertThat(v).containsKey("emptyDir"));
			});
			assertThat(mounts).filteredOn(m -> !"/tmp".equals(m.get("mountPath")))
				.allSatisfy(m -> assertThat(m).containsEntry("readOnly", true));
			assertThat((Map<String, Object>) at(container, "resources.requests")).containsKeys("cpu", "memory");
			assertThat((Map<String, Object>) at(container, "resources.limits")).containsKeys("cpu", "memory");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ciValueSets")
	void secretsComeOnlyFromExistingSecretsAndNeverReachAConfigMap(Path valuesFile) {
		// given
		RenderedChart chart = HelmChart.render(List.of(valuesFile));

		// then
		assertThat(chart.ofKind("Secret")).isEmpty();
		Stream.concat(chart.ofKind("CronJob").stream(), chart.ofKind("Deployment").stream()).forEach(workload -> {
			List<Map<String, Object>> env = at(container(workload), "env");
			assertThat(env)
				.filteredOn(e -> ((String) e.get("name")).matches(".*_(PASSWORD|URI|SECRET_ACCESS_KEY|ACCESS_KEY_ID)"))
				.isNotEmpty()
				.allSatisfy(e -> {
					assertThat(e).doesNotContainKey("value");
					assertThat(value(e, "valueFrom.secretKeyRef.name")).isNotNull();
				});
			assertThat(env(container(workload), "SPRING_DATASOURCE_USERNAME")).satisfiesAnyOf(
					e -> assertThat(e).isNull(), e -> assertThat(value(e, "valueFrom.secretKeyRef")).isNotNull());
		});
		for (Map<String, Object> configMap : chart.ofKind("ConfigMap")) {
			Map<String, String> data = at(configMap, "data");
			data.forEach((key, content) -> assertThat(content.toLowerCase()).as(key)
				.doesNotContain("password", "secret", "mongodb://", "{bcrypt}", "aws_access_key_id"));
		}
	}

	@Test
	void theServiceAccountCarriesTheIrsaRoleAndThePodsUseIt() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith("""
				serviceAccount:
				  annotations:
				    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/media-purge
				""");

		// then
		Map<String, Object> account = chart.one("ServiceAccount");
		Map<String, String> annotations = at(account, "metadata.annotations");
		assertThat(annotations).containsEntry("eks.amazonaws.com/role-arn",
				"arn:aws:iam::123456789012:role/media-purge");
		assertThat(podSpec(chart.one("CronJob"))).containsEntry("serviceAccountName", at(account, "metadata.name"));
		assertThat(env(container(chart.one("CronJob")), "AWS_ACCESS_KEY_ID")).isNull();
	}

	@Test
	void theDefaultImageIsWhatTheJibRecipeBuilds() throws Exception {
		// given
		Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
		XPath xpath = XPathFactory.newInstance().newXPath();
		String version = xpath.evaluate("/project/version", pom);
		String image = xpath.evaluate("/project/properties/container-image.name", pom);

		// when
		Map<String, Object> cronJob = HelmChart.renderMinimalWith().one("CronJob");

		// then
		assertThat(HelmChart.loadMap(HelmChart.CHART.resolve("Chart.yaml"))).containsEntry("appVersion", version);
		assertThat(container(cronJob)).containsEntry("image", image + ":" + version);
	}

}
