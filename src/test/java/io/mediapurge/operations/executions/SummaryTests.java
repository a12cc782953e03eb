package io.mediapurge.operations.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.purge.SummaryCounter;

/**
 * The JSON of a run summary follows the counters' one definition.
 */
class SummaryTests {

	@Test
	void eachCounterIsAFieldUnderItsKeyBesideTheReasons() {
		Summary summary = new Summary(Map.of(SummaryCounter.IMAGES_DELETED, 7L, SummaryCounter.S3_REQUESTS, 2L),
				Map.of("not-an-array", 1L), Map.of());

		JsonNode json = JsonMapper.builder().build().valueToTree(summary);

		for (SummaryCounter counter : SummaryCounter.values()) {
			assertThat(json.get(counter.key())).as(counter.key()).isNotNull();
		}
		assertThat(json.get("imagesDeleted").asLong()).isEqualTo(7);
		assertThat(json.get("s3Requests").asLong()).isEqualTo(2);
		assertThat(json.get("documentsRead").asLong()).isZero();
		assertThat(json.get("skipReasons").get("not-an-array").asLong()).isEqualTo(1);
		assertThat(json.has("counts")).isFalse();
		assertThat(json.propertyNames()).hasSize(SummaryCounter.values().length + 2);
	}

}
