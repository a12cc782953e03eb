package io.mediapurge.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mediapurge.helm.RenderedChart.at;
import static io.mediapurge.helm.RenderedChart.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The console's network doors: TLS on the Ingress unless explicitly declined, a metrics
 * Service apart from the API's, and an optional NetworkPolicy that lets only the ingress
 * controller reach the API and only monitoring reach the management port.
 */
class HelmChartSecurityTests {

	private static final String CONSOLE = """
			operations:
			  enabled: true
			  auth:
			    existingSecret: media-purge-users
			    users: [{username: oncall, role: OPERATOR, passwordKey: oncall-password}]
			""";

	@Test
	void anIngressWithoutTlsIsRefusedUnlessPlainHttpIsAskedFor() {
		assertThatIllegalStateException()
			.isThrownBy(() -> HelmChart.renderMinimalWith(CONSOLE, "operations: {ingress: {enabled: true}}"))
			.withMessageContaining("operations.ingress.enabled needs operations.ingress.tlsSecret")
			.withMessageContaining("operations.ingress.allowPlainHttp=true");

		RenderedChart tls = HelmChart.renderMinimalWith(CONSOLE,
				"operations: {ingress: {enabled: true, tlsSecret: console-tls}}");
		assertThat(value(tls.one("Ingress"), "spec.tls[0].secretName")).isEqualTo("console-tls");
		assertThat(value(tls.one("Ingress"), "spec.tls[0].hosts[0]")).isEqualTo("media-purge.example.com");

		RenderedChart plain = HelmChart.renderMinimalWith(CONSOLE,
				"operations: {ingress: {enabled: true, allowPlainHttp: true}}");
		assertThat((Map<String, Object>) at(plain.one("Ingress"), "spec")).doesNotContainKey("tls");
	}

	@Test
	void theNotesGiveAnHttpsAddressUnlessPlainHttpIsAskedFor(@TempDir Path dir) throws Exception {
		Path plain = dir.resolve("plain.yaml");
		Files.writeString(plain, Files.readString(HelmChart.CI.resolve("operations-values.yaml"))
			.replace("tlsSecret: media-purge-tls", "allowPlainHttp: true"));

		assertThat(HelmChart.installOutput(HelmChart.CI.resolve("operations-values.yaml")))
			.contains("https://media-purge.example.com/")
			.contains("set networkPolicy.enabled=true");
		assertThat(HelmChart.installOutput(plain)).contains("  http://media-purge.example.com/");
	}

	@Test
	void metricsHaveTheirOwnServiceWhichTheServiceMonitorScrapes() {
		RenderedChart chart = HelmChart.render(List.of(HelmChart.CI.resolve("operations-values.yaml")));

		Map<String, Object> api = chart.named("Service", "nightly-media-purge");
		Map<String, Object> metrics = chart.named("Service", "nightly-media-purge-metrics");
		assertThat((List<Map<String, Object>>) at(api, "spec.ports")).extracting((port) -> port.get("targetPort"))
			.containsExactly("http");
		assertThat((List<Map<String, Object>>) at(metrics, "spec.ports"))
			.extracting((port) -> port.get("name"), (port) -> port.get("targetPort"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("http-management", "management"));
		Map<String, String> selector = at(chart.one("ServiceMonitor"), "spec.selector.matchLabels");
		assertThat((Map<String, String>) at(metrics, "metadata.labels")).containsAllEntriesOf(selector);
		assertThat((Map<String, String>) at(api, "metadata.labels")).as("the API's Service is not scraped")
			.doesNotContainEntry("media-purge/service", "metrics");
		assertThat(selector).containsEntry("media-purge/service", "metrics");
	}

	@Test
	void theNetworkPolicyIsOffByDefault() {
		assertThat(HelmChart.renderMinimalWith(CONSOLE).has("NetworkPolicy")).isFalse();
	}

	@Test
	void theNetworkPolicyLetsTheIngressReachTheApiAndMonitoringTheManagementPortOnly() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith(CONSOLE, """
				networkPolicy:
				  enabled: true
				  probeCidrs: [10.0.0.0/16]
				""");

		// then: it selects the console's pods, and only them
		Map<String, Object> policy = chart.one("NetworkPolicy");
		Map<String, String> selected = at(policy, "spec.podSelector.matchLabels");
		assertThat((Map<String, String>) at(chart.one("Deployment"), "spec.template.metadata.labels"))
			.containsAllEntriesOf(selected);
		assertThat((Map<String, String>) at(chart.one("CronJob"), "spec.jobTemplate.spec.template.metadata.labels"))
			.doesNotContainEntry("app.kubernetes.io/component", "operations");
		assertThat((List<String>) at(policy, "spec.policyTypes")).containsExactly("Ingress");
		List<Map<String, Object>> rules = at(policy, "spec.ingress");
		assertThat(rules).hasSize(2);
		// the API and dashboard port: from the ingress controller's namespace
		assertThat(value(rules.get(0), "ports[0].port")).isEqualTo("http");
		assertThat(value(rules.get(0), "from[0].namespaceSelector.matchLabels"))
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
		assertThat((List<?>) at(rules.get(0), "from")).hasSize(1);
		// the management port: from monitoring and the nodes given for the probes
		assertThat(value(rules.get(1), "ports[0].port")).isEqualTo("management");
		assertThat((List<?>) at(rules.get(1), "ports")).hasSize(1);
		assertThat(value(rules.get(1), "from[0].namespaceSelector.matchLabels"))
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
		assertThat(value(rules.get(1), "from[1].ipBlock.cidr")).isEqualTo("10.0.0.0/16");
		// the ports it names are the container's
		List<Map<String, Object>> ports = at(RenderedChart.container(chart.one("Deployment")), "ports");
		assertThat(ports).extracting((port) -> port.get("name")).containsExactly("http", "management");
	}

	@Test
	void theNetworkPolicySelectorsCanBeSetForOtherIngressControllersAndMonitoring() {
		RenderedChart chart = HelmChart.renderMinimalWith(CONSOLE, """
				networkPolicy:
				  enabled: true
				  ingressController:
				    namespaceSelector: {kubernetes.io/metadata.name: traefik}
				    podSelector: {app.kubernetes.io/name: traefik}
				  monitoring:
				    namespaceSelector: {kubernetes.io/metadata.name: observability}
				""");

		List<Map<String, Object>> rules = at(chart.one("NetworkPolicy"), "spec.ingress");
		assertThat(value(rules.get(0), "from[0].podSelector.matchLabels"))
			.isEqualTo(Map.of("app.kubernetes.io/name", "traefik"));
		assertThat(value(rules.get(1), "from[0].namespaceSelector.matchLabels"))
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "observability"));
		assertThat((List<?>) at(rules.get(1), "from")).hasSize(1);
	}

	@Test
	void theChartLintsWithTheNetworkPolicyOn(@TempDir Path dir) throws Exception {
		Path values = dir.resolve("values.yaml");
		Files.writeString(values,
				Files.readString(HelmChart.CI.resolve("operations-values.yaml")) + "networkPolicy: {enabled: true}\n");
		Path work = Files.createDirectories(dir.resolve("chart"));

		assertThat(HelmChart.lintWith(values, work).isFailed()).isFalse();
	}

}
