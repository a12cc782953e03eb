package io.mediapurge.helm;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import io.mediapurge.operations.security.Role;
import io.mediapurge.operations.security.SecurityUsersProperties;

import static io.mediapurge.helm.RenderedChart.at;
import static io.mediapurge.helm.RenderedChart.value;
import static io.mediapurge.helm.RenderedChart.container;
import static io.mediapurge.helm.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The operations mode (API, dashboard, metrics) is deployed only when asked for, never
 * schedules runs while the CronJob does, is probed on the management port, and brings its
 * monitoring objects along when they are enabled.
 */
class HelmChartOperationsTests {

	private static final String OPERATIONS = """
			operations:
			  enabled: true
			  auth:
			    existingSecret: media-purge-users
			    users:
			      - {username: oncall, role: OPERATOR, passwordKey: oncall-password}
			      - {username: auditor, role: VIEWER, passwordKey: auditor-password}
			""";

	@Test
	void theOperationsModeObjectsExistOnlyWhenEnabled() {
		// given
		RenderedChart without = HelmChart.renderMinimalWith();
		RenderedChart with = HelmChart.renderMinimalWith(OPERATIONS);

		// then
		for (String kind : List.of("Deployment", "Service", "Ingress", "ServiceMonitor", "PrometheusRule")) {
			assertThat(without.has(kind)).as(kind).isFalse();
		}
		assertThat(with.one("Deployment")).isNotNull();
		assertThat(with.named("Service", "nightly-media-purge")).isNotNull();
		assertThat(with.one("CronJob")).isNotNull();
	}

	@ParameterizedTest(name = "cronjob {0}, operations {1}, its schedule {2}")
	@CsvSource({ "true, true, true, false", "true, true, false, false", "false, true, true, true",
			"false, true, false, false", "true, false, true, false" })
	void theCronJobAndTheDeploymentNeverBothScheduleRuns(boolean cronJob, boolean operations,
			boolean operationsSchedule, boolean deploymentSchedules) {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith(OPERATIONS, """
				cronjob: {enabled: %s}
				operations: {enabled: %s, schedule: {enabled: %s}}
				""".formatted(cronJob, operations, operationsSchedule));

		// then
		assertThat(chart.has("CronJob")).isEqualTo(cronJob);
		assertThat(chart.has("Deployment")).isEqualTo(operations);
		Map<String, String> data = at(chart.named("ConfigMap", "nightly-media-purge-config"), "data");
		Map<String, Object> serverSettings = new Yaml().load(data.get("application-server.yaml"));
		assertThat(value(serverSettings, "media-purge.schedule.enabled")).isEqualTo(deploymentSchedules);
		assertThat(chart.has("CronJob") && deploymentSchedules).isFalse();
	}

	@Test
	void theDeploymentRunsTheServerProfileProbedOnTheManagementPort() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith(OPERATIONS);

		// then
		Map<String, Object> container = container(chart.one("Deployment"));
		assertThat(value(env(container, "SPRING_PROFILES_ACTIVE"), "value")).isEqualTo("server");
		assertThat((List<Map<String, Object>>) at(container, "ports"))
			.extracting(p -> p.get("name"), p -> p.get("containerPort"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8080),
					org.assertj.core.groups.Tuple.tuple("management", 8081));
		assertThat(value(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(value(container, "livenessProbe.httpGet.port")).isEqualTo("management");
		assertThat(value(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(value(container, "readinessProbe.httpGet.port")).isEqualTo("management");
		assertThat(value(container, "startupProbe.httpGet.port")).isEqualTo("management");
		// the Service reaches the console's pods only, never a job's
		Map<String, String> selector = at(chart.named("Service", "nightly-media-purge"), "spec.selector");
		assertThat(selector).containsEntry("app.kubernetes.io/component", "operations");
		Map<String, String> podLabels = at(chart.one("Deployment"), "spec.template.metadata.labels");
		assertThat(podLabels).containsAllEntriesOf(selector);
		Map<String, String> jobPodLabels = at(chart.one("CronJob"), "spec.jobTemplate.spec.template.metadata.labels");
		assertThat(jobPodLabels).containsEntry("app.kubernetes.io/component", "purge-job");
	}

	@Test
	void theUsersComeFromTheEnvironmentWithTheirPasswordsFromTheSecret() {
		// given: what the kubelet would put in the environment, the Secret's values faked
		Map<String, Object> container = container(HelmChart.renderMinimalWith(OPERATIONS).one("Deployment"));
		Map<String, Object> environment = new HashMap<>();
		List<Map<String, Object>> env = at(container, "env");
		for (Map<String, Object> variable : env) {
			String name = (String) variable.get("name");
			if (name.startsWith("MEDIA_PURGE_SECURITY_USERS_")) {
				environment.put(name, variable.containsKey("value") ? variable.get("value")
						: "{noop}from-" + at(variable, "valueFrom.secretKeyRef.key"));
				assertThat(name.endsWith("_PASSWORD")).isEqualTo(variable.containsKey("valueFrom"));
			}
		}
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));

		// when
		SecurityUsersProperties users = new Binder(ConfigurationPropertySources.from(sources))
			.bindOrCreate("media-purge.security", Bindable.of(SecurityUsersProperties.class));

		// then
		assertThat(users.users())
			.extracting(SecurityUsersProperties.User::username, SecurityUsersProperties.User::role,
					SecurityUsersProperties.User::password)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("oncall", Role.OPERATOR, "{noop}from-oncall-password"),
					org.assertj.core.groups.Tuple.tuple("auditor", Role.VIEWER, "{noop}from-auditor-password"));
	}

	@Test
	void theMonitoringObjectsComeFromTheChartsFiles() throws Exception {
		// when
		RenderedChart chart = HelmChart.render(List.of(HelmChart.CI.resolve("operations-values.yaml")));

		// then
		Map<String, Object> monitor = chart.one("ServiceMonitor");
		assertThat(value(monitor, "spec.endpoints[0].port")).isEqualTo("http-management");
		assertThat(value(monitor, "spec.endpoints[0].path")).isEqualTo("/actuator/prometheus");
		assertThat((Map<String, String>) at(monitor, "metadata.labels")).containsEntry("release",
				"kube-prometheus-stack");
		List<Map<String, Object>> servicePorts = at(chart.named("Service", "nightly-media-purge-metrics"),
				"spec.ports");
		assertThat(servicePorts).anySatisfy(p -> assertThat(p).containsEntry("name", "http-management"));
		Map<String, Object> rules = new Yaml()
			.load(Files.readString(HelmChart.CHART.resolve("files/prometheus-rules.yaml")));
		assertThat(value(chart.one("PrometheusRule"), "spec.groups")).isEqualTo(rules.get("groups")).isNotNull();
		Map<String, Object> dashboard = chart.named("ConfigMap", "nightly-media-purge-grafana-dashboard");
		assertThat((Map<String, String>) at(dashboard, "metadata.labels")).containsEntry("grafana_dashboard", "1");
		Map<String, String> data = at(dashboard, "data");
		assertThat(data.get("media-purge.json"))
			.isEqualTo(Files.readString(HelmChart.CHART.resolve("files/grafana-dashboard.json")).stripTrailing());
	}

	@Test
	void anEphemeralJobRepositoryNeedsNoDatabaseAndLivesInTheWritableTmp() {
		// when
		RenderedChart chart = HelmChart.render(List.of(HelmChart.CI.resolve("ephemeral-values.yaml")));

		// then
		Map<String, String> data = at(chart.named("ConfigMap", "nightly-media-purge-config"), "data");
		Map<String, Object> settings = new Yaml().load(data.get("application.yaml"));
		assertThat((String) at(settings, "spring.datasource.url")).startsWith("jdbc:h2:file:/tmp/");
		Map<String, Object> container = container(chart.one("Deployment"));
		assertThat(env(container, "SPRING_DATASOURCE_USERNAME")).isNull();
		assertThat(env(container, "SPRING_DATASOURCE_PASSWORD")).isNull();
	}

	@Test
	void combinationsThatCannotWorkAreRefusedWithAReason() {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.renderMinimalWith("cronjob: {enabled: false}"))
			.withMessageContaining("nothing to deploy");
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.renderMinimalWith("metrics: {serviceMonitor: {enabled: true}}"))
			.withMessageContaining("metrics.serviceMonitor.enabled needs operations.enabled");
	}

	@Test
	void theNotesTellHowToRunByHandAndWhereTheDashboardIs() {
		// when
		String nightly = HelmChart.installOutput(HelmChart.MINIMAL_VALUES);
		String console = HelmChart.installOutput(HelmChart.CI.resolve("operations-values.yaml"));
		String trial = HelmChart.installOutput(HelmChart.CI.resolve("ephemeral-values.yaml"));

		// then
		assertThat(nightly).contains("kubectl -n batch create job --from=cronjob/nightly-media-purge")
			.contains("operations.enabled=true");
		assertThat(console).contains("https://media-purge.example.com/").contains("never schedules runs itself");
		assertThat(trial).contains("kubectl -n batch port-forward svc/nightly-media-purge 8080:80")
			.contains("launches runs on \"0 30 1 * * *\" (Europe/Paris)")
			.contains("WARNING: jobRepository.ephemeral=true");
	}

}
