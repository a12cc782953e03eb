package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The mark's structure: never forgets a key (so never lets a referenced object be
 * deleted), exact while small, and wrongly keeps about the share it states once only the
 * Bloom filter answers.
 */
class MarkedKeysTests {

	@Test
	void smallSetsAreExact() {
		MarkedKeys marks = new MarkedKeys(1 << 16, 1000);
		for (int i = 0; i < 1000; i++) {
			marks.add("galleries/" + i + ".jpg");
		}
		assertThat(marks.isExact()).isTrue();
		assertThat(marks.falseKeepRate()).isZero();
		for (int i = 0; i < 100_000; i++) {
			assertThat(marks.mightContain("articles/" + i + ".jpg")).isFalse();
		}
		assertThat(marks.mightContain("galleries/999.jpg")).isTrue();
		assertThat(marks.distinctKeys()).isEqualTo(1000);
	}

	@Test
	void beyondTheExactLimitNoKeyIsForgottenAndTheFalseKeepRateIsAsStated() {
		// given: 200,000 keys in a filter sized for them, past an exact limit of 1,000
		int keys = 200_000;
		MarkedKeys marks = new MarkedKeys(keys, 1000);
		for (int i = 0; i < keys; i++) {
			marks.add("galleries/" + i + ".jpg");
		}

		// then
		assertThat(marks.isExact()).isFalse();
		for (int i = 0; i < keys; i++) {
			assertThat(marks.mightContain("galleries/" + i + ".jpg")).isTrue();
		}
		double measured = measuredFalseKeepRate(marks);
		double stated = marks.falseKeepRate();
		System.out.printf("mark of %,d keys: %,d bytes, stated false-keep rate %.3e, measured %.3e%n", keys,
				marks.filterBytes(), stated, measured);
		assertThat(stated).isBetween(1e-4, 1e-3);
		assertThat(measured).isLessThan(2 * stated + 1e-5);
		assertThat(marks.filterBytes()).isLessThanOrEqualTo(keys * 2L + 64);
	}

	@Test
	void moreKeysThanExpectedGrowTheFilterInsteadOfRaisingTheFalseKeepRate() {
		// given: a filter sized for 100,000 keys that gets three times as many (documents
		// showing more images than the estimate)
		int expected = 100_000;
		int keys = 3 * expected;
		MarkedKeys marks = new MarkedKeys(expected, 1000);
		for (int i = 0; i < keys; i++) {
			marks.add("galleries/" + i + ".jpg");
		}
		marks.add("galleries/7.jpg");

		// then: no key is forgotten, and the rate stays near a filter made for the size
		assertThat(marks.segments()).isEqualTo(2);
		for (int i = 0; i < keys; i++) {
			assertThat(marks.mightContain("galleries/" + i + ".jpg")).isTrue();
		}
		double measured = measuredFalseKeepRate(marks);
		double stated = marks.falseKeepRate();
		System.out.printf("mark of %,d keys sized for %,d: %,d bytes in %d segments, stated %.3e, measured %.3e%n",
				keys, expected, marks.filterBytes(), marks.segments(), stated, measured);
		// one filter of 100,000 keys' size holding 300,000 would keep about 22 %
		assertThat(stated).isLessThan(1e-3);
		assertThat(measured).isLessThan(2 * stated + 1e-5);
		assertThat(marks.distinctKeys()).isBetween(keys - 500L, (long) keys);
	}

	@Test
	void listedKeysGrowWithoutLosingAny() {
		ListedKeys listed = new ListedKeys();
		for (int i = 0; i < 300_000; i++) {
			listed.add("galleries/" + i + ".jpg");
		}
		for (int i = 0; i < 300_000; i++) {
			assertThat(listed.mightContain("galleries/" + i + ".jpg")).isTrue();
		}
		int wrong = 0;
		for (int i = 0; i < 300_000; i++) {
			if (listed.mightContain("missing/" + i + ".jpg")) {
				wrong++;
			}
		}
		assertThat(wrong / 300_000.0).isLessThan(0.002);
		assertThat(listed.size()).isEqualTo(300_000);
	}

	/** The share of a million keys never added that the marks still keep. */
	private static double measuredFalseKeepRate(MarkedKeys marks) {
		int probes = 1_000_000;
		int falseKeeps = 0;
		for (int i = 0; i < probes; i++) {
			if (marks.mightContain("orphans/" + i + ".jpg")) {
				falseKeeps++;
			}
		}
		return falseKeeps / (double) probes;
	}

}
