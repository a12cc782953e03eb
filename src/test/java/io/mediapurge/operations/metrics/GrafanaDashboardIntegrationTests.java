package io.mediapurge.operations.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The Grafana dashboard and the alert rules shipped in the chart query only metrics the
 * application really exports: every metric name of every expression must be a sample name
 * of the Prometheus scrape after a real run (so {@code _total}, {@code _seconds_count},
 * {@code _max} ... must be spelt as exported).
 */
class GrafanaDashboardIntegrationTests extends PurgeIntegrationTestSupport {

	static final Path DASHBOARD = Path.of("helm/media-purge/files/grafana-dashboard.json");

	static final Path RULES = Path.of("helm/media-purge/files/prometheus-rules.yaml");

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Autowired
	SweepLauncher sweeps;

	@Test
	void everyDashboardAndAlertQueryNamesAnExportedMetric() throws IOException {
		SampleNight.seed(this.mongo, this.s3, this.jdbc);
		assertThat(this.launcher.run(false, Set.of()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// a sweep plan exports the orphans per prefix (no key prefix is configured here)
		assertThat(this.sweeps.plan(List.of("galleries/"), Duration.ZERO).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Set<String> exported = new PrometheusScrape(this.prometheus.scrape()).names();

		Map<String, Set<String>> queries = new TreeMap<>();
		dashboardQueries().forEach(query -> queries.put("dashboard: " + query, PromQlMetricNames.in(query)));
		ruleQueries().forEach(query -> queries.put("rules: " + query, PromQlMetricNames.in(query)));

		assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
		assertThat(queries).allSatisfy((query, names) -> assertThat(names).as(query).isNotEmpty());
		Set<String> used = new TreeSet<>();
		queries.values().forEach(used::addAll);
		assertThat(used).contains("media_purge_documents_total", "media_purge_document_reasons_total",
				"media_purge_images_total", "media_purge_s3_requests_total", "media_purge_quarantined_documents",
				"media_purge_last_success_timestamp_seconds", "media_purge_last_run_failed",
				"spring_batch_job_seconds_count", "spring_batch_step_seconds_count",
				"spring_batch_chunk_write_seconds_count", "spring_batch_item_read_seconds_count");
		queries.forEach((query, names) -> {
			Set<String> missing = new TreeSet<>(names);
			missing.removeAll(exported);
			// the console's sign-in metrics exist in the long-running mode only: its
			// scrape
			// is checked by SignInThrottleIntegrationTests
			missing.removeIf((name) -> name.startsWith("media_purge_sign_in_"));
			assertThat(missing).as("metrics not exported by the application, named in %s", query).isEmpty();
		});
	}

	@Test
	void aQueryNamingAMetricTheApplicationDoesNotExportIsCaught() {
		assertThat(PromQlMetricNames
			.in("sum by (content_type) (increase(media_purge_documents_deleted{dry_run=\"false\", content_type=~\"$content_type\"}[1d])) "
					+ "/ on (content_type) group_left max(media_purge_images_total) > bool 0 offset 1d"))
			.containsExactly("media_purge_documents_deleted", "media_purge_images_total");
		assertThat(PromQlMetricNames.in("label_values(media_purge_documents_total, content_type)"))
			.containsExactly("media_purge_documents_total");
		assertThat(PromQlMetricNames.in("time() - max(spring_batch_job_seconds{a=\"b\"}) > 26 * 3600"))
			.containsExactly("spring_batch_job_seconds");
	}

	@Test
	void theDashboardAsksForItsPrometheusDataSource() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<JsonNode> variables = new ArrayList<>();
		dashboard.get("templating").get("list").forEach(variables::add);
		assertThat(variables).anySatisfy(variable -> {
			assertThat(variable.get("name").asString()).isEqualTo("datasource");
			assertThat(variable.get("type").asString()).isEqualTo("datasource");
			assertThat(variable.get("query").asString()).isEqualTo("prometheus");
		});
		List<JsonNode> dataSources = dashboard.findValues("datasource");
		assertThat(dataSources).isNotEmpty().allSatisfy(dataSource -> {
			assertThat(dataSource.get("type").asString()).isEqualTo("prometheus");
			assertThat(dataSource.get("uid").asString()).isEqualTo("${datasource}");
		});
	}

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		dashboard.findValues("expr").forEach(expr -> queries.add(expr.asString()));
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			if (variable.get("type").asString().equals("query")) {
				JsonNode query = variable.get("query");
				queries.add(query.isObject() ? query.get("query").asString() : query.asString());
			}
		}
		return queries;
	}

	@SuppressWarnings("unchecked")
	private static List<String> ruleQueries() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(RULES));
		List<String> queries = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				assertThat(rule).containsKeys("expr", "labels", "annotations");
				queries.add(String.valueOf(rule.get("expr")));
			}
		}
		return queries;
	}

}
