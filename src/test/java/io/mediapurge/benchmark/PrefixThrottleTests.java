package io.mediapurge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PrefixThrottleTests {

	private final AtomicLong clock = new AtomicLong(5_000_000_000L);

	private final PrefixThrottle throttle = new PrefixThrottle(3500, this.clock::get);

	@Test
	void refusesARequestThatWouldTakeItsPrefixOverTheRateWithinOneSecond() {
		assertThat(this.throttle.admit(Map.of("galleries/", 1000))).isTrue();
		this.clock.addAndGet(300_000_000L);
		assertThat(this.throttle.admit(Map.of("galleries/", 2000))).isTrue();
		this.clock.addAndGet(300_000_000L);
		assertThat(this.throttle.admit(Map.of("galleries/", 501))).isFalse();
		assertThat(this.throttle.admit(Map.of("galleries/", 500))).isTrue();
		assertThat(this.throttle.refused()).isEqualTo(1);
	}

	@Test
	void eachPrefixHasItsOwnRate() {
		assertThat(this.throttle.admit(Map.of("galleries/", 3500))).isTrue();
		assertThat(this.throttle.admit(Map.of("articles/", 3500))).isTrue();
		assertThat(this.throttle.admit(Map.of("releases/", 1))).isTrue();
		assertThat(this.throttle.admit(Map.of("galleries/", 1))).isFalse();
	}

	@Test
	void aRequestOverTheRateOfAnyOfItsPrefixesIsRefusedWholeAndCountsNothing() {
		assertThat(this.throttle.admit(Map.of("galleries/", 3000))).isTrue();
		assertThat(this.throttle.admit(Map.of("galleries/", 600, "articles/", 400))).isFalse();
		// the articles of the refused request were not counted
		assertThat(this.throttle.admit(Map.of("articles/", 3500))).isTrue();
	}

	@Test
	void keysLeaveTheWindowOneSecondAfterTheyArrived() {
		assertThat(this.throttle.admit(Map.of("galleries/", 3500))).isTrue();
		this.clock.addAndGet(999_999_999L);
		assertThat(this.throttle.admit(Map.of("galleries/", 1))).isFalse();
		this.clock.addAndGet(1L);
		assertThat(this.throttle.admit(Map.of("galleries/", 3500))).isTrue();
	}

	@Test
	void rateZeroLetsEverythingThrough() {
		PrefixThrottle open = new PrefixThrottle(0, this.clock::get);
		assertThat(open.admit(Map.of("galleries/", 1_000_000))).isTrue();
		assertThat(open.refused()).isZero();
	}

	@Test
	void thePrefixIsTheFirstPathSegment() {
		assertThat(PrefixThrottle
			.byPrefix(List.of("galleries/1/0.jpg", "galleries/2/1.jpg", "releases/ott/3/0.jpg", "top.jpg")))
			.isEqualTo(Map.of("galleries/", 2, "releases/", 1, "", 1));
	}

}
