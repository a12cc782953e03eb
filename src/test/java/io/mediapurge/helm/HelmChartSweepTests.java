package io.mediapurge.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
	void aMinimumAgeThatIsNotADurationIsRefused() {
		assertThatThrownBy(() -> HelmChart.renderMinimalWith("""
				sweepCronjob:
				  enabled: true
				  minAge: a week
				""")).hasMessageContaining("minAge");
	}

}
