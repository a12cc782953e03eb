package io.mediapurge.helm;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import io.mediapurge.catalogue.CatalogueProperties;
import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentCatalogueLoader;
import io.mediapurge.imagestore.S3Properties;
import io.mediapurge.operations.housekeeping.MetadataProperties;
import io.mediapurge.operations.lease.LeaseProperties;
import io.mediapurge.operations.schedule.ScheduleProperties;
import io.mediapurge.purge.PurgeProperties;

import static io.mediapurge.helm.RenderedChart.at;
import static io.mediapurge.helm.RenderedChart.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ConfigMaps of the chart hold what the application really reads: its content-type
 * specs, equal to the repository's {@code jobs/}, and settings under the property names
 * of its {@code @ConfigurationProperties}.
 */
class HelmChartConfigurationTests {

	private static final Path JOBS = Paths.get("jobs");

	@Test
	void theChartsCopyOfTheSpecsIsTheRepositorysJobsFolderByteForByte() throws IOException {
		// given
		List<String> repository = yamlFileNames(JOBS);
		List<String> chart = yamlFileNames(HelmChart.CHART.resolve("jobs"));

		// then: copy them again (cp jobs/*.yaml helm/media-purge/jobs/) when this fails
		assertThat(chart).isEqualTo(repository).isNotEmpty();
		for (String name : repository) {
			assertThat(Files.mismatch(JOBS.resolve(name), HelmChart.CHART.resolve("jobs").resolve(name)))
				.as("helm/media-purge/jobs/%s differs from jobs/%s", name, name)
				.isEqualTo(-1L);
		}
	}

	@Test
	void theJobsConfigMapHoldsTheShippedSpecsUnchanged() throws IOException {
		// when
		Map<String, String> data = at(HelmChart.renderMinimalWith().named("ConfigMap", "nightly-media-purge-jobs"),
				"data");

		// then
		assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(yamlFileNames(JOBS));
		for (String name : yamlFileNames(JOBS)) {
			assertThat(data.get(name)).isEqualTo(Files.readString(JOBS.resolve(name)));
		}
	}

	@Test
	void extraSpecsFromValuesJoinTheCatalogueTheApplicationLoads(@TempDir Path mounted) throws IOException {
		// given
		RenderedChart chart = HelmChart.renderMinimalWith("""
				catalogue:
				  extraSpecs:
				    podcast:
				      name: podcast
				      collection: podcasts
				      id-field: podcast_id
				      image-paths:
				        - cover
				        - episodes[].thumbnail
				""");
		Map<String, String> data = at(chart.named("ConfigMap", "nightly-media-purge-jobs"), "data");
		for (Map.Entry<String, String> file : data.entrySet()) {
			Files.writeString(mounted.resolve(file.getKey()), file.getValue());
		}

		// when: the location the rendered application.yaml names, at the mount path
		CatalogueProperties location = bind(chart, "application.yaml", "media-purge.catalogue",
				CatalogueProperties.class);
		ContentCatalogue catalogue = new ContentCatalogueLoader()
			.load(location.location().replace("/etc/media-purge/jobs", mounted.toString()));

		// then
		assertThat(location.location()).isEqualTo("file:/etc/media-purge/jobs/*.yaml");
		assertThat(catalogue.names()).containsExactly("article", "gallery", "ott-release", "podcast",
				"theater-release");
	}

	@Test
	void theShippedSpecsCanBeLeftOutForAnOtherCms() {
		// when
		Map<String, String> data = at(HelmChart.renderMinimalWith("""
				catalogue:
				  includeShipped: false
				  extraSpecs:
				    page: {name: page, collection: pages, image-paths: [hero]}
				""").named("ConfigMap", "nightly-media-purge-jobs"), "data");

		// then
		assertThat(data).containsOnlyKeys("page.yaml");
	}

	@Test
	void theRenderedSettingsBindToTheApplicationsPropertiesWithNothingUnknown() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith("""
				config:
				  gracePeriod: 48h
				  chunkSize: 250
				  fillRequests: false
				  parallelSteps: 2
				  leaseTtl: 5m
				  metadata: {retention: 30d}
				s3:
				  region: eu-west-1
				  endpoint: https://s3.example.internal
				  pathStyle: true
				  publicBaseUrls: [https://cdn.example.com/media/]
				  keyPrefixes: [galleries/, articles/]
				  plusAsSpace: false
				  awsUrlForms: true
				  siteRelativePrefixes: [/media/]
				  delete: {maxAttempts: 7}
				cronjob: {enabled: false, schedule: "15 3 * * *", timeZone: Europe/Paris}
				operations:
				  enabled: true
				  auth:
				    existingSecret: users
				    users: [{username: oncall, role: OPERATOR, passwordKey: oncall}]
				""");

		// then
		PurgeProperties purge = bind(chart, "application.yaml", "media-purge", PurgeProperties.class);
		assertThat(purge.gracePeriod()).isEqualTo(Duration.ofHours(48));
		assertThat(purge.chunkSize()).isEqualTo(250);
		assertThat(purge.fillRequests()).isFalse();
		assertThat(purge.parallelSteps()).isEqualTo(2);
		S3Properties s3 = bindStrictly(chart, "application.yaml", "media-purge.s3", S3Properties.class);
		assertThat(s3.bucket()).isEqualTo("example-media");
		assertThat(s3.region()).isEqualTo("eu-west-1");
		assertThat(s3.endpoint()).isEqualTo(URI.create("https://s3.example.internal"));
		assertThat(s3.pathStyle()).isTrue();
		assertThat(s3.publicBaseUrls()).containsExactly(URI.create("https://cdn.example.com/media/"));
		assertThat(s3.keyPrefixes()).containsExactly("galleries/", "articles/");
		assertThat(s3.plusAsSpace()).isFalse();
		assertThat(s3.awsUrlForms()).isTrue();
		assertThat(s3.siteRelativePrefixes()).containsExactly("/media/");
		assertThat(s3.delete().maxAttempts()).isEqualTo(7);
		assertThat(bindStrictly(chart, "application.yaml", "media-purge.lease", LeaseProperties.class).ttl())
			.isEqualTo(Duration.ofMinutes(5));
		assertThat(bindStrictly(chart, "application.yaml", "media-purge.metadata", MetadataProperties.class))
			.satisfies(m -> assertThat(m.retention()).isEqualTo(Duration.ofDays(30)))
			.satisfies(m -> assertThat(m.zone().getId()).isEqualTo("Europe/Paris"));
		ScheduleProperties schedule = bindStrictly(chart, "application-server.yaml", "media-purge.schedule",
				ScheduleProperties.class);
		assertThat(schedule.enabled()).isTrue();
		assertThat(schedule.cron()).isEqualTo("0 15 3 * * *");
		assertThat(schedule.zone().getId()).isEqualTo("Europe/Paris");
		Map<String, Object> server = yaml(chart, "application-server.yaml");
		assertThat(value(server, "server.port")).isEqualTo(8080);
		assertThat(value(server, "management.server.port")).isEqualTo(8081);
		assertThat((String) at(yaml(chart, "application.yaml"), "spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://postgres.example.internal:5432/media_purge");
	}

	@Test
	void morePropertiesFromValuesAreMergedIntoTheSettings() {
		// when
		Map<String, Object> settings = yaml(HelmChart.renderMinimalWith("""
				config:
				  extra:
				    logging: {level: {io.mediapurge: DEBUG}}
				    media-purge: {skip-limit: 7}
				"""), "application.yaml");

		// then
		assertThat((Map<String, Object>) at(settings, "logging.level")).containsEntry("io.mediapurge", "DEBUG");
		assertThat((Integer) at(settings, "media-purge.skip-limit")).isEqualTo(7);
		assertThat((Integer) at(settings, "media-purge.chunk-size")).isEqualTo(200);
	}

	private static List<String> yamlFileNames(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
		}
	}

	private static String configFile(RenderedChart chart, String file) {
		Map<String, String> data = at(chart.named("ConfigMap", "nightly-media-purge-config"), "data");
		return data.get(file);
	}

	private static Map<String, Object> yaml(RenderedChart chart, String file) {
		String content = configFile(chart, file);
		return new org.yaml.snakeyaml.Yaml().load(content);
	}

	private static <T> T bind(RenderedChart chart, String file, String prefix, Class<T> type) {
		return binder(chart, file).bindOrCreate(prefix, Bindable.of(type));
	}

	/** Binds and refuses any property under the prefix that the type does not know. */
	private static <T> T bindStrictly(RenderedChart chart, String file, String prefix, Class<T> type) {
		return binder(chart, file).bindOrCreate(prefix, Bindable.of(type),
				new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
	}

	private static Binder binder(RenderedChart chart, String file) {
		String content = configFile(chart, file);
		try {
			List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(file,
					new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)));
			MutablePropertySources sources = new MutablePropertySources();
			loaded.forEach(sources::addLast);
			return new Binder(ConfigurationPropertySources.from(sources));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
