package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ChunkIdsTests {

	@Test
	void objectIdsInAnyOrderGetTheirSmallestAndLargestAsTheRange() {
		List<ObjectId> ids = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ids.add(new ObjectId());
		}
		List<ObjectId> shuffled = new ArrayList<>(ids);
		Collections.shuffle(shuffled, new Random(7));

		Document condition = ChunkIds.condition(shuffled);

		assertThat(condition.keySet()).containsExactly("$gte", "$lte", "$in");
		assertThat(condition.get("$gte")).isEqualTo(ids.get(0));
		assertThat(condition.get("$lte")).isEqualTo(ids.get(ids.size() - 1));
		assertThat(condition.getList("$in", Object.class)).isEqualTo(shuffled);
	}

	@Test
	void integersAreRangedNumerically() {
		assertThat(ChunkIds.condition(List.of(30L, 4L, 200L))).containsEntry("$gte", 4L).containsEntry("$lte", 200L);
	}

	@Test
	void mixedTypesAndStringsGetNoRangeOnlyTheList() {
		// a range compares within one BSON type only, and a collation may order strings
		// differently
		assertThat(ChunkIds.condition(List.of(new ObjectId(), "abc")).keySet()).containsExactly("$in");
		assertThat(ChunkIds.condition(List.of(1, 2L)).keySet()).containsExactly("$in");
		assertThat(ChunkIds.condition(List.of("b", "A")).keySet()).containsExactly("$in");
		assertThat(ChunkIds.condition(Arrays.asList(null, 1, 2)).keySet()).containsExactly("$in");
	}

	@Test
	void theFilterStartsWithTheIdCondition() {
		Document filter = ChunkIds.filter(List.of(1, 2)).append("is_deleted", true);

		assertThat(filter.keySet()).containsExactly("_id", "is_deleted");
	}

}
