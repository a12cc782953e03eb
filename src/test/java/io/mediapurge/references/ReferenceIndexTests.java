package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference index counts exactly, whatever the size of its filter: a filter far too
 * small for its keys (almost every key a false positive) only makes more keys counted
 * exactly.
 */
class ReferenceIndexTests {

	@ParameterizedTest(name = "filter sized for {0} keys")
	@ValueSource(longs = { 1, 100, 1_000_000 })
	void countsEveryKeyExactlyAndFollowsHardDeletes(long filterKeys) {
		Random random = new Random(filterKeys);
		List<Set<String>> documents = new ArrayList<>();
		Map<String, Integer> expected = new HashMap<>();
		for (int d = 0; d < 2_000; d++) {
			Set<String> keys = new LinkedHashSet<>();
			int images = 1 + random.nextInt(6);
			for (int i = 0; i < images; i++) {
				// a quarter of the images come from a small shared pool
				keys.add(random.nextInt(4) == 0 ? "shared/" + random.nextInt(300) + ".jpg"
						: "own/" + d + "/" + i + ".jpg");
			}
			documents.add(keys);
			keys.forEach(key -> expected.merge(key, 1, Integer::sum));
		}

		ReferenceIndex index = ReferenceIndexBuilder.build(filterKeys,
				consumer -> documents.forEach(keys -> consumer.accept(digests(keys))));

		expected.forEach((key, count) -> assertThat(index.count(key)).as(key).isEqualTo(count));
		// hard-delete every other document: the counts follow
		for (int d = 0; d < documents.size(); d += 2) {
			index.remove(documents.get(d));
			documents.get(d).forEach(key -> expected.merge(key, -1, Integer::sum));
		}
		expected.forEach((key, count) -> {
			if (count > 0) {
				assertThat(index.count(key)).as(key).isEqualTo(count);
			}
			else {
				// a key no document shows any more is never counted as shown by another
				assertThat(index.count(key)).as(key).isLessThanOrEqualTo(1);
			}
		});
	}

	@ParameterizedTest(name = "{0} keys")
	@ValueSource(ints = { 10_000, 200_000 })
	void aKeyNeverSeenIsRarelyTakenForOneSeenOnceAndTheFilterStaysSmall(int keys) {
		ReferenceIndex index = ReferenceIndexBuilder.build(keys, consumer -> {
			for (int i = 0; i < keys; i++) {
				consumer.accept(Set.of(ReferenceIndex.digest("seen/" + i)));
			}
		});

		long falsePositives = 0;
		for (int i = 0; i < keys; i++) {
			assertThat(index.count("seen/" + i)).isEqualTo(1);
			falsePositives += index.count("never/" + i);
		}
		// designed for about 0.05 %; a shared key is what costs memory, not a seen one
		assertThat(falsePositives).isLessThan(keys / 500);
		assertThat(index.countedKeys()).isLessThan(keys / 500 + 1);
		assertThat(index.filterBytes()).isLessThanOrEqualTo(2L * keys + 64);
	}

	private static Set<Long> digests(Set<String> keys) {
		Set<Long> digests = new LinkedHashSet<>();
		keys.forEach(key -> digests.add(ReferenceIndex.digest(key)));
		return digests;
	}

}
