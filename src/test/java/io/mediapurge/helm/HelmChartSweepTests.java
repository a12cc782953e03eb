package io.mediapurge.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional CronJob that makes orphan sweep plans: off by default, weekly when on,
 * plans only (never an apply).
 */
class HelmChartSweepTests {

	@Test
	void theSweepCronJobIsOffByDefault() {
		assertThat(HelmChart.renderMinimalWith().names()).noneMatch(name -> name.endsWith("-sweep"));
	}

	@Test
	void whenOnItMakesPlansWeeklyAndNeverApplies() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  prefixes: [galleries/, articles/]
				""");

		// then
		Map<String, Object> sweep = chart.ofKind("CronJob")
			.stream()
			.filter(job -> RenderedChart.<String>at(job, "metadata.name").endsWith("-sweep"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sweep CronJob in " + chart.names()));
		assertThat(RenderedChart.<String>at(sweep, "spec.schedule")).isEqualTo("0 4 * * 0");
		assertThat(RenderedChart.<String>at(sweep, "spec.concurrencyPolicy")).isEqualTo("Forbid");
		List<String> args = RenderedChart.at(RenderedChart.container(sweep), "args");
		assertThat(args).containsExactly("sweep", "plan", "minAge=P7D", "prefixes=galleries/,articles/")
			.doesNotContain("apply");
		assertThat(chart.ofKind("CronJob")).hasSize(2);
	}

	@Test
	void withAnInventoryManifestItPlansFromThatInventory() {
		// when
		RenderedChart chart = HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  prefixes: [galleries/]
				  inventory:
				    manifest: s3://media-inventory/inventories/media/daily/latest/manifest.json
				""");

		// then
		List<String> args = RenderedChart.at(RenderedChart.container(sweep(chart)), "args");
		assertThat(args).containsExactly("sweep", "plan", "minAge=P7D", "prefixes=galleries/",
				"inventory=s3://media-inventory/inventories/media/daily/latest/manifest.json");
	}

	@Test
	void withoutAnInventoryManifestItListsTheBucket() {
		// when: the value left empty, as by default
		RenderedChart chart = HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  inventory:
				    manifest: ""
				""");

		// then
		List<String> args = RenderedChart.at(RenderedChart.container(sweep(chart)), "args");
		assertThat(args).containsExactly("sweep", "plan", "minAge=P7D").noneMatch(arg -> arg.startsWith("inventory"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "media-inventory/daily/manifest.json", "s3://media-inventory/daily/symlink.txt",
			"s3://Media_Inventory/daily/manifest.json", "s3://media-inventory/daily/manifest.json --other" })
	void anInventoryManifestThatIsNotAnS3ManifestJsonIsRefused(String manifest) {
		assertThatThrownBy(() -> HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  inventory:
				    manifest: "%s"
				""".formatted(manifest))).hasMessageContaining("sweepCronjob.inventory.manifest");
	}

	private static Map<String, Object> sweep(RenderedChart chart) {
		return chart.ofKind("CronJob")
			.stream()
			.filter(job -> RenderedChart.<String>at(job, "metadata.name").endsWith("-sweep"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sweep CronJob in " + chart.names()));
	}

	@Test
	void aMinimumAgeThatIsNotADurationIsRefused() {
		assertThatThrownBy(() -> HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  minAge: a week
				""")).hasMessageContaining("minAge");
	}

}
