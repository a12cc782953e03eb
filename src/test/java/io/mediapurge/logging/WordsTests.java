package io.mediapurge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The command line and the sweep's log lines write a plan's minimum age and false-keep
 * rate as the sweep page does, never as "PT168H" or "0.00e+00".
 */
class WordsTests {

	@Test
	void durationsReadAsDaysHoursAndMinutes() {
		assertThat(Words.duration("PT168H")).isEqualTo("7 days");
		assertThat(Words.duration("PT1H30M")).isEqualTo("1 hour 30 minutes");
		assertThat(Words.duration("P1DT12H")).isEqualTo("1 day 12 hours");
		assertThat(Words.duration("PT0S")).isEqualTo("none");
		assertThat(Words.duration("PT0.5S")).isEqualTo("500 ms");
		assertThat(Words.duration("soon")).isEqualTo("soon");
	}

	@Test
	void ratesReadAsOneInSoMany() {
		assertThat(Words.rate(0)).isEqualTo("none");
		assertThat(Words.rate(8.3e-6)).isEqualTo("about 1 in 120,000");
		assertThat(Words.rate(4.6e-4)).isEqualTo("about 1 in 2,200");
		assertThat(Words.rate(0.6)).isEqualTo("60 %");
	}

}
