package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The one definition of the run summary's counters: execution contexts written by earlier
 * releases stay readable, and each counter has its column in the schema.
 */
class SummaryCounterTests {

	@Test
	void keysAndColumnsAreTheOnesStoredSinceTheFirstRelease() {
		assertThat(Stream.of(SummaryCounter.values()).map(SummaryCounter::key)).containsExactly("documentsRead",
				"documentsPurged", "documentsSkipped", "documentsBlocked", "documentsRestored", "documentsQuarantined",
				"imagesDeleted", "imagesShared", "imagesExternal", "imagesOtherBucket", "imagesAlreadyAbsent",
				"imagesFailed", "s3Requests");
		assertThat(Stream.of(SummaryCounter.values()).map(SummaryCounter::column)).containsExactly("documents_read",
				"documents_purged", "documents_skipped", "documents_blocked", "documents_restored",
				"documents_quarantined", "images_deleted", "images_shared", "images_external", "images_other_bucket",
				"images_already_absent", "images_failed", "s3_requests");
	}

	@Test
	void everyCounterHasItsColumnInTheSchema() throws IOException {
		String schema = migration("V2__purge_records.sql") + migration("V8__other_bucket_images.sql");
		for (SummaryCounter counter : SummaryCounter.values()) {
			// created with the table, or added later with a default for the rows before
			assertThat(schema).as(counter.column())
				.containsPattern(
						"(\n\\s+" + counter.column() + "\\s+BIGINT\\s+NOT NULL,)|(ALTER TABLE purge_step_summary "
								+ "ADD COLUMN " + counter.column() + " BIGINT DEFAULT 0 NOT NULL;)");
		}
	}

	@Test
	void aSummaryGoesThroughTheExecutionContextWholeAndMergesCounterByCounter() {
		PurgeSummary summary = new PurgeSummary();
		for (SummaryCounter counter : SummaryCounter.values()) {
			counter.set(summary, 10 + counter.ordinal());
		}
		summary.skipped("not-an-array");
		summary.blocked("s3-AccessDenied");

		LinkedHashMap<String, Object> map = summary.toMap();
		PurgeSummary read = PurgeSummary.fromMap(map);
		read.merge(summary);

		assertThat(map).containsEntry("documentsRead", 10L)
			.containsEntry("documentsSkipped", 13L)
			.containsEntry("imagesOtherBucket", 19L)
			.containsEntry("s3Requests", 22L)
			.containsEntry("skipReasons", Map.of("not-an-array", 1L));
		for (SummaryCounter counter : SummaryCounter.values()) {
			assertThat(counter.of(read)).as(counter.key()).isEqualTo(2 * counter.of(summary));
		}
		assertThat(read.skipReasons()).containsExactly(Map.entry("not-an-array", 2L));
		assertThat(read.blockReasons()).containsExactly(Map.entry("s3-AccessDenied", 2L));
	}

	private String migration(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/db/migration/common/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
