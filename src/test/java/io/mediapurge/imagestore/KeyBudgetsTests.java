package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The budgets per prefix, on the fake clock of {@link KeyRateLimiterTests}. */
class KeyBudgetsTests {

	private final KeyRateLimiterTests.FakeTicker clock = new KeyRateLimiterTests.FakeTicker();

	private final KeyBudgets budgets = new KeyBudgets(List.of("galleries/", "releases/", "releases/ott/"), 3000, 1000,
			this.clock);

	@Test
	void aKeyCountsAgainstTheLongestPrefixItStartsWith() {
		assertThat(this.budgets.prefixOf("galleries/1/0.jpg")).isEqualTo("galleries/");
		assertThat(this.budgets.prefixOf("releases/ott/1/0.jpg")).isEqualTo("releases/ott/");
		assertThat(this.budgets.prefixOf("releases/theater/1/0.jpg")).isEqualTo("releases/");
		assertThat(this.budgets.prefixOf("gallery.jpg")).isEmpty();
	}

	@Test
	void groupsKeysByPrefixKeepingTheirOrder() {
		Map<String, List<String>> groups = this.budgets
			.byPrefix(List.of("galleries/2.jpg", "releases/ott/1.jpg", "galleries/1.jpg", "other.jpg"));
		assertThat(groups).containsExactly(Map.entry("galleries/", List.of("galleries/2.jpg", "galleries/1.jpg")),
				Map.entry("releases/ott/", List.of("releases/ott/1.jpg")), Map.entry("", List.of("other.jpg")));
	}

	@Test
	void eachPrefixHasItsOwnBudgetSoTheirRatesAddUp() {
		long start = this.clock.now;
		for (String prefix : List.of("galleries/", "releases/", "releases/ott/")) {
			for (int i = 0; i < 3; i++) {
				this.budgets.limiter(prefix).release(this.budgets.limiter(prefix).acquire(1000));
			}
		}
		// 9,000 keys in no time: three budgets of 3,000
		assertThat(this.clock.now).isEqualTo(start);
		assertThat(this.budgets.limit()).isEqualTo(9000);
		assertThat(this.budgets.rate()).isEqualTo(9000.0);
		// the fourth request of one prefix waits for its own budget only
		this.budgets.limiter("galleries/").acquire(1000);
		assertThat(this.clock.now).isGreaterThan(start);
	}

	@Test
	void throttlingHalvesTheBudgetOfItsPrefixOnly() {
		this.budgets.limiter("galleries/").throttled();
		assertThat(this.budgets.rates()).containsEntry("galleries/", 1500.0)
			.containsEntry("releases/", 3000.0)
			.containsEntry("releases/ott/", 3000.0);
		assertThat(this.budgets.rate()).isEqualTo(7500.0);
		assertThat(this.budgets.throttleCount()).isEqualTo(1);
	}

	@Test
	void withoutPrefixesOneBudgetForTheWholeBucket() {
		KeyBudgets bucket = new KeyBudgets(List.of(), 3000, 1000, this.clock);
		assertThat(bucket.prefixOf("galleries/1.jpg")).isEmpty();
		assertThat(bucket.limit()).isEqualTo(3000);
		assertThat(bucket.rates()).containsOnlyKeys("");
	}

	@Test
	void aPrefixWithoutABudgetIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.budgets.limiter("articles/"));
	}

}
