package io.mediapurge.sweep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * A row becomes a candidate only when it is the current version of a key under a prefix;
 * a row that cannot be read is an error naming its file and line, never a row dropped.
 */
class InventoryRowsTests {

	private static final String FILE = "inventory file s3://media-inventory/data/a.csv.gz";

	private final InventoryRows rows = rows(InventoryManifestTests.SCHEMA, "galleries/", "galleries/2024/",
			"articles/");

	@Test
	void theCurrentVersionOfAKeyUnderAPrefixIsACandidateWithTheLongestPrefix() {
		PlannedObject object = this.rows.object(row("media", "galleries/2024/summer+party%2B.jpg", "v3", "true",
				"false", "1024", "2024-04-30T12:00:01.000Z", "9b2cf535f27731c974343645a3985328", "STANDARD", "false"),
				FILE, 7);

		assertThat(object).isEqualTo(PlannedObject.listed("galleries/2024/summer party+.jpg", 1024,
				Instant.parse("2024-04-30T12:00:01Z"), "\"9b2cf535f27731c974343645a3985328\"", "galleries/2024/"));
	}

	@Test
	void olderVersionsDeleteMarkersAndKeysOutsideThePrefixesAreNeverReturned() {
		assertThat(this.rows.object(row("media", "galleries/a.jpg", "v1", "false", "false", "10",
				"2024-04-01T00:00:00.000Z", "aa", "STANDARD", "false"), FILE, 1))
			.isNull();
		assertThat(this.rows.object(
				row("media", "galleries/a.jpg", "v2", "true", "true", "", "2024-04-02T00:00:00.000Z", "", "", ""), FILE,
				2))
			.isNull();
		assertThat(this.rows.object(row("media", "galleriesX/a.jpg", "v1", "true", "false", "10",
				"2024-04-01T00:00:00.000Z", "aa", "STANDARD", "false"), FILE, 3))
			.isNull();
		assertThat(this.rows.notCurrent()).isEqualTo(2);
		assertThat(this.rows.outsidePrefixes()).isEqualTo(1);
	}

	@Test
	void anInventoryOfCurrentVersionsOnlyHasNoVersionColumns() {
		InventoryRows current = rows("Bucket, Key, Size, LastModifiedDate, ETag", "articles/");

		assertThat(current.object(row("media", "articles/x.png", "5", "2024-04-01T00:00:00.000Z", "bb"), FILE, 1))
			.extracting(PlannedObject::key, PlannedObject::eTag)
			.containsExactly("articles/x.png", "\"bb\"");
	}

	@Test
	void aRowThatCannotBeReadFailsWithItsFileAndLine() {
		assertMalformed(row("media", "galleries/a.jpg", "v1", "true", "false", "ten", "2024-04-01T00:00:00.000Z", "aa",
				"STANDARD", "false"), "line 12: Size 'ten', not a number of bytes");
		assertMalformed(row("media", "galleries/a.jpg", "v1", "true", "false", "10", "2024-04-01 00:00:00", "aa",
				"STANDARD", "false"), "line 12: LastModifiedDate '2024-04-01 00:00:00', not an ISO-8601 instant");
		assertMalformed(row("media", "galleries/a.jpg", "v1", "yes", "false", "10", "2024-04-01T00:00:00.000Z", "aa",
				"STANDARD", "false"), "line 12: IsLatest 'yes', not true or false");
		assertMalformed(row("media", "galleries/%E9.jpg", "v1", "true", "false", "10", "2024-04-01T00:00:00.000Z", "aa",
				"STANDARD", "false"), "line 12: a percent-encoding that is not UTF-8");
		assertMalformed(row("media", "galleries/a.jpg", "v1", "true", "false", "10", "2024-04-01T00:00:00.000Z", "",
				"STANDARD", "false"), "line 12: ETag ''");
		assertMalformed(row("media", "galleries/a.jpg", "v1"), "line 12: 3 fields, the manifest's fileSchema has 10");
		// a row of another bucket in our inventory: the file is not what it claims
		assertMalformed(row("media-staging", "galleries/a.jpg", "v1", "true", "false", "10", "2024-04-01T00:00:00.000Z",
				"aa", "STANDARD", "false"), "line 12: bucket 'media-staging', not 'media'");
	}

	@Test
	void aMalformedRowOutsideThePrefixesFailsToo() {
		assertMalformed(row("media", "other/a.jpg", "v1", "true", "false", "-1", "2024-04-01T00:00:00.000Z", "aa",
				"STANDARD", "false"), "line 12: Size '-1'");
	}

	private void assertMalformed(List<String> row, String message) {
		assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> this.rows.object(row, FILE, 12))
			.withMessageStartingWith(FILE + ", ")
			.withMessageContaining(message);
	}

	private static List<String> row(String... fields) {
		return List.of(fields);
	}

	private static InventoryRows rows(String schema, String... prefixes) {
		String json = InventoryManifestTests.manifest("media", "CSV", schema);
		InventoryManifest manifest = InventoryManifest.parse(InventoryManifestTests.LOCATION,
				json.getBytes(StandardCharsets.UTF_8), "media");
		return new InventoryRows(manifest, List.of(prefixes));
	}

}
