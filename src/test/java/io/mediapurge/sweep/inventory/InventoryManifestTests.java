package io.mediapurge.sweep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediapurge.sweep.inventory.InventoryManifest.DataFile;

/**
 * What a manifest must say before a plan is built from it, and the messages that tell an
 * operator what to fix.
 */
class InventoryManifestTests {

	static final InventoryLocation LOCATION = InventoryLocation
		.parse("s3://media-inventory/inv/media/daily/2024-05-01T01-00Z/manifest.json");

	static final String SCHEMA = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, "
			+ "StorageClass, IsMultipartUploaded";

	static String manifest(String sourceBucket, String format, String schema) {
		return """
				{
				  "sourceBucket" : "%s",
				  "destinationBucket" : "arn:aws:s3:::media-inventory",
				  "version" : "2016-11-30",
				  "creationTimestamp" : "1714525200000",
				  "fileFormat" : "%s",
				  "fileSchema" : "%s",
				  "files" : [ {
				    "key" : "inv/media/daily/data/0b6c2a8e-5f1e-4d3c-9a7b-1c2d3e4f5a6b.csv.gz",
				    "size" : 2147,
				    "MD5checksum" : "6C1D0F5A3B2E4D5C6B7A8F9E0D1C2B3A"
				  }, {
				    "key" : "inv/media/daily/data/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a.csv.gz",
				    "size" : 1033,
				    "MD5checksum" : "0123456789abcdef0123456789abcdef"
				  } ]
				}
				""".formatted(sourceBucket, format, schema);
	}

	@Test
	void aCsvManifestOfOurBucketIsRead() {
		InventoryManifest manifest = parse(manifest("media", "CSV", SCHEMA));

		assertThat(manifest.sourceBucket()).isEqualTo("media");
		assertThat(manifest.destinationBucket()).isEqualTo("media-inventory");
		assertThat(manifest.createdAt()).isEqualTo(Instant.parse("2024-05-01T01:00:00Z"));
		assertThat(manifest.columns()).containsExactly("Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker",
				"Size", "LastModifiedDate", "ETag", "StorageClass", "IsMultipartUploaded");
		assertThat(manifest.column("Key")).isEqualTo(1);
		assertThat(manifest.column("ObjectOwner")).isEqualTo(-1);
		assertThat(manifest.files()).containsExactly(
				new DataFile("inv/media/daily/data/0b6c2a8e-5f1e-4d3c-9a7b-1c2d3e4f5a6b.csv.gz", 2147,
						"6c1d0f5a3b2e4d5c6b7a8f9e0d1c2b3a"),
				new DataFile("inv/media/daily/data/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a.csv.gz", 1033,
						"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void aNumericCreationTimestampIsReadToo() {
		String json = manifest("media", "CSV", SCHEMA).replace("\"1714525200000\"", "1714525200000");

		assertThat(parse(json).createdAt()).isEqualTo(Instant.parse("2024-05-01T01:00:00Z"));
	}

	@Test
	void orcAndParquetAreRefusedAsUnsupported() {
		for (String format : List.of("ORC", "Parquet")) {
			assertThatExceptionOfType(InventoryRefusedException.class)
				.isThrownBy(() -> parse(manifest("media", format, SCHEMA)))
				.withMessageContaining("is of format " + format)
				.withMessageContaining("only CSV inventories are supported (not ORC or Parquet)");
		}
	}

	@Test
	void anotherBucketsInventoryIsRefused() {
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> parse(manifest("media-staging", "CSV", SCHEMA)))
			.withMessageContaining("lists bucket 'media-staging', not 'media'")
			.withMessageContaining("never built from another bucket's inventory");
	}

	@Test
	void aSchemaWithoutTheColumnsTheApplyComparesIsRefused() {
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> parse(manifest("media", "CSV", "Bucket, Key, Size, StorageClass")))
			.withMessageContaining("has no column LastModifiedDate, ETag");
	}

	@Test
	void aManifestWithoutUsableFilesIsRefused() {
		String good = manifest("media", "CSV", SCHEMA);
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> parse(good.replace("\"MD5checksum\" : \"0123456789abcdef0123456789abcdef\"",
					"\"MD5checksum\" : \"0123\"")))
			.withMessageContaining("files[1] has no MD5checksum of 32 hex digits");
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> parse(good.replace("6f5e4d3c2b1a.csv.gz", "6f5e4d3c2b1a.orc")))
			.withMessageContaining("is not a .csv.gz file");
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> parse("{\"fileFormat\":\"CSV\",\"sourceBucket\":\"media\",\"destinationBucket\":\"x\","
					+ "\"creationTimestamp\":\"1\",\"fileSchema\":\"Key, Size, LastModifiedDate, ETag\"}"))
			.withMessageContaining("has no files array");
		assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> parse("{\"files\": ["))
			.withMessageContaining("is not valid JSON");
	}

	@Test
	void aLocationMustNameAManifestJson() {
		assertThat(LOCATION.bucket()).isEqualTo("media-inventory");
		assertThat(LOCATION.key()).isEqualTo("inv/media/daily/2024-05-01T01-00Z/manifest.json");
		assertThat(LOCATION.checksumKey()).isEqualTo("inv/media/daily/2024-05-01T01-00Z/manifest.checksum");
		for (String wrong : List.of("https://media-inventory.s3.amazonaws.com/inv/manifest.json",
				"s3://media-inventory/", "s3://media-inventory/inv/hive/dt=2024-05-01-01-00/symlink.txt",
				"s3://Media_Inventory/inv/manifest.json", "s3://media-inventory/inv/manifest.json.bak")) {
			assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> InventoryLocation.parse(wrong))
				.withMessageContaining(wrong);
		}
	}

	private static InventoryManifest parse(String json) {
		return InventoryManifest.parse(LOCATION, json.getBytes(StandardCharsets.UTF_8), "media");
	}

}
