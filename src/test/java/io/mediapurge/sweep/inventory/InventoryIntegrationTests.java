package io.mediapurge.sweep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.S3Inventories;
import io.mediapurge.support.TestServers;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * An inventory delivered to another bucket of the in-process S3 server, written as S3
 * Inventory writes one (gzip CSV, keys form-encoded, ETags unquoted, all versions), read
 * back through the manifest reader and the report: the same objects, ETags and
 * LastModified as a listing of the bucket shows, and every refusal.
 */
class InventoryIntegrationTests {

	static final String BUCKET = "inventory-source";

	static final String DESTINATION = "inventory-destination";

	static final String MANIFEST_DIR = "inventories/inventory-source/daily/2024-05-01T01-00Z/";

	static final String SCHEMA = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, "
			+ "StorageClass";

	static final DateTimeFormatter INVENTORY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	static final List<String> PREFIXES = List.of("galleries/", "galleries/2024/", "articles/");

	final EmbeddedS3 server = TestServers.s3();

	final S3Client s3 = S3Client.builder()
		.endpointOverride(this.server.endpoint())
		.forcePathStyle(true)
		.region(Region.US_EAST_1)
		.credentialsProvider(StaticCredentialsProvider
			.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
		.build();

	Instant created;

	@BeforeEach
	void buckets() {
		this.s3.createBucket(request -> request.bucket(BUCKET));
		this.s3.createBucket(request -> request.bucket(DESTINATION));
		for (String key : List.of("galleries/2024/summer party.jpg", "galleries/c++ & more.jpg", "galleries/a.jpg",
				"articles/café/😀.png", "articles/100%.png", "other/outside.jpg", "galleriesX/near-miss.jpg")) {
			this.s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("image " + key));
		}
		this.created = Instant.now().minus(Duration.ofHours(20));
	}

	@AfterEach
	void emptyBuckets() {
		for (String bucket : List.of(BUCKET, DESTINATION)) {
			this.s3.listObjectsV2Paginator(request -> request.bucket(bucket))
				.contents()
				.forEach(object -> this.s3.deleteObject(request -> request.bucket(bucket).key(object.key())));
			this.s3.deleteBucket(request -> request.bucket(bucket));
		}
		this.s3.close();
	}

	@Test
	void theCurrentObjectsUnderThePrefixesComeAsTheListingShowsThem() {
		// given: the bucket's inventory in two data files, with an older version and a
		// delete marker
		List<S3Object> listed = listing();
		List<String> rows = listed.stream().map(InventoryIntegrationTests::row).collect(Collectors.toList());
		rows.add(csv(BUCKET, encode("galleries/a.jpg"), "v0", "false", "false", "9", "2020-01-01T00:00:00.000Z",
				"0f343b0931126a20f133d67c2b018a3b", "STANDARD"));
		rows.add(csv(BUCKET, encode("galleries/gone.jpg"), "v2", "true", "true", "", "2024-04-01T00:00:00.000Z", "",
				""));
		deliver(manifest(BUCKET, SCHEMA, dataFile("a", rows.subList(0, 4)), dataFile("b", rows.subList(4, 9))));

		// when
		InventoryManifest manifest = reader().read(location());
		List<PlannedObject> objects;
		try (InventoryReport report = new InventoryReport(this.s3, manifest, PREFIXES)) {
			objects = readAll(report);

			// then
			assertThat(report.filesRead()).isEqualTo(2);
			assertThat(report.rowsRead()).isEqualTo(9);
			assertThat(report.rowsNotCurrent()).isEqualTo(2);
			assertThat(report.rowsOutsidePrefixes()).isEqualTo(2);
			assertThat(report.listedByPrefix())
				.isEqualTo(Map.of("galleries/", 2L, "galleries/2024/", 1L, "articles/", 2L));
		}
		// exactly what the plan's listing would have read, so the apply (which compares
		// ETag and LastModified with a fresh listing) finds each object unchanged
		List<PlannedObject> fromListing = listed.stream()
			.filter(object -> PREFIXES.stream().anyMatch(object.key()::startsWith))
			.map(object -> PlannedObject.listed(object.key(), object.size(), object.lastModified(), object.eTag(),
					PREFIXES.stream()
						.filter(object.key()::startsWith)
						.reduce((a, b) -> (a.length() >= b.length()) ? a : b)
						.orElseThrow()))
			.toList();
		assertThat(objects).containsExactlyInAnyOrderElementsOf(fromListing);
		assertThat(objects).extracting(PlannedObject::key)
			.contains("galleries/2024/summer party.jpg", "galleries/c++ & more.jpg", "articles/café/😀.png",
					"articles/100%.png")
			.doesNotContain("other/outside.jpg", "galleriesX/near-miss.jpg", "galleries/gone.jpg");
		assertThat(fromListing.get(0).eTag()).startsWith("\"");
	}

	@Test
	void anotherBucketsInventoryIsRefusedBeforeAnythingIsRead() {
		deliver(manifest("media", SCHEMA,
				dataFile("a", listing().stream().map(InventoryIntegrationTests::row).toList())));

		assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> reader().read(location()))
			.withMessageContaining("lists bucket 'media', not 'inventory-source'");
	}

	@Test
	void anInventoryWithoutETagIsRefused() {
		deliver(manifest(BUCKET, "Bucket, Key, Size, LastModifiedDate", dataFile("a", List.of())));

		assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> reader().read(location()))
			.withMessageContaining("has no column ETag");
	}

	@Test
	void aStaleInventoryIsRefused() {
		deliver(manifest(BUCKET, SCHEMA, dataFile("a", List.of())));
		InventoryManifestReader reader = new InventoryManifestReader(this.s3, BUCKET, Duration.ofDays(8),
				Clock.fixed(this.created.plus(Duration.ofDays(9)), ZoneOffset.UTC));

		assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> reader.read(location()))
			.withMessageContaining("216 hours ago, more than the maximum age of 192 hours");
		assertThat(new InventoryManifestReader(this.s3, BUCKET, Duration.ofDays(8),
				Clock.fixed(this.created.plus(Duration.ofDays(7)), ZoneOffset.UTC))
			.read(location())
			.createdAt()).isEqualTo(this.created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	@Test
	void aManifestThatDoesNotMatchItsChecksumOrDoesNotExistIsRefused() {
		deliver(manifest(BUCKET, SCHEMA, dataFile("a", List.of())));
		this.s3.putObject(request -> request.bucket(DESTINATION).key(MANIFEST_DIR + "manifest.checksum"),
				RequestBody.fromString("0123456789abcdef0123456789abcdef\n"));

		assertThatExceptionOfType(InventoryRefusedException.class).isThrownBy(() -> reader().read(location()))
			.withMessageContaining("but its manifest.checksum says 0123456789abcdef0123456789abcdef");
		assertThatExceptionOfType(InventoryRefusedException.class)
			.isThrownBy(() -> reader().read(InventoryLocation.parse("s3://" + DESTINATION + "/nothing/manifest.json")))
			.withMessageContaining("does not exist");
	}

	@Test
	void aDataFileWhoseMd5IsNotTheManifestsFailsTheRead() {
		String file = dataFile("a", listing().stream().map(InventoryIntegrationTests::row).toList());
		deliver(manifest(BUCKET, SCHEMA, file).replaceFirst("\"MD5checksum\" : \"[0-9a-f]{32}\"",
				"\"MD5checksum\" : \"00000000000000000000000000000000\""));
		InventoryManifest manifest = reader().read(location());

		try (InventoryReport report = new InventoryReport(this.s3, manifest, PREFIXES)) {
			assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> readAll(report))
				.withMessageContaining("inventory file s3://" + DESTINATION + "/" + MANIFEST_DIR + "data/a.csv.gz")
				.withMessageContaining("the manifest says")
				.withMessageContaining("bytes of MD5 00000000000000000000000000000000");
			assertThat(report.filesRead()).isZero();
		}
	}

	@Test
	void aDataFileOfAnotherSizeFailsBeforeItsFirstRow() {
		String file = dataFile("a", listing().stream().map(InventoryIntegrationTests::row).toList());
		deliver(manifest(BUCKET, SCHEMA, file).replaceFirst("\"size\" : \\d+", "\"size\" : 12"));
		InventoryManifest manifest = reader().read(location());

		try (InventoryReport report = new InventoryReport(this.s3, manifest, PREFIXES)) {
			assertThatExceptionOfType(InventoryDataException.class).isThrownBy(report::read)
				.withMessageContaining("the manifest says 12");
			assertThat(report.rowsRead()).isZero();
		}
	}

	@Test
	void aMalformedRowFailsTheReadWithItsFileAndLine() {
		List<String> rows = new ArrayList<>(listing().stream().map(InventoryIntegrationTests::row).toList());
		rows.set(2, csv(BUCKET, encode("galleries/a.jpg"), "v1", "true", "false", "12kB", "2024-04-01T00:00:00.000Z",
				"aa", "STANDARD"));
		deliver(manifest(BUCKET, SCHEMA, dataFile("a", rows)));

		try (InventoryReport report = new InventoryReport(this.s3, reader().read(location()), PREFIXES)) {
			assertThatExceptionOfType(InventoryDataException.class).isThrownBy(() -> readAll(report))
				.withMessage("inventory file s3://" + DESTINATION + "/" + MANIFEST_DIR
						+ "data/a.csv.gz, line 3: Size '12kB', not a number of bytes");
		}
	}

	@Test
	void aLargeFileIsStreamed() {
		// given: 200,000 rows in one file, several MB of CSV
		int count = 200_000;
		List<String> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add(csv(BUCKET, encode("galleries/" + (i % 7) + "/image " + i + ".jpg"), "v1", "true", "false",
					String.valueOf(i), "2024-04-01T00:00:00.000Z", "9b2cf535f27731c974343645a3985328", "STANDARD"));
		}
		deliver(manifest(BUCKET, SCHEMA, dataFile("big", rows)));

		// when
		long started = System.nanoTime();
		long read = 0;
		try (InventoryReport report = new InventoryReport(this.s3, reader().read(location()), List.of("galleries/"))) {
			for (PlannedObject object = report.read(); object != null; object = report.read()) {
				read++;
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

		// then
		System.out.printf("inventory of %,d rows read in %,d ms (%,d rows/s)%n", count, millis,
				count * 1000L / Math.max(1, millis));
		assertThat(read).isEqualTo(count);
	}

	private List<S3Object> listing() {
		return this.s3.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream().toList();
	}

	private InventoryManifestReader reader() {
		return new InventoryManifestReader(this.s3, BUCKET, Duration.ofDays(8), Clock.systemUTC());
	}

	private static InventoryLocation location() {
		return InventoryLocation.parse("s3://" + DESTINATION + "/" + MANIFEST_DIR + "manifest.json");
	}

	/**
	 * A row as S3 Inventory writes it for a listed object: key form-encoded, ETag bare.
	 */
	private static String row(S3Object object) {
		return csv(BUCKET, encode(object.key()), "v1", "true", "false", String.valueOf(object.size()),
				INVENTORY_TIME.format(object.lastModified()), object.eTag().replace("\"", ""), "STANDARD");
	}

	private static String encode(String key) {
		return URLEncoder.encode(key, StandardCharsets.UTF_8);
	}

	private static String csv(String... fields) {
		return S3Inventories.csv(fields);
	}

	/** Uploads a gzip data file; returns its manifest entry. */
	private String dataFile(String name, List<String> rows) {
		byte[] content = S3Inventories.gzip(rows);
		String key = MANIFEST_DIR + "data/" + name + ".csv.gz";
		this.s3.putObject(request -> request.bucket(DESTINATION).key(key), RequestBody.fromBytes(content));
		return S3Inventories.fileEntry(key, content);
	}

	private String manifest(String sourceBucket, String schema, String... files) {
		return S3Inventories.manifestJson(sourceBucket, DESTINATION, "CSV", schema, this.created, List.of(files));
	}

	/** Writes manifest.json and its manifest.checksum, as S3 Inventory does. */
	private void deliver(String manifest) {
		byte[] json = manifest.getBytes(StandardCharsets.UTF_8);
		this.s3.putObject(request -> request.bucket(DESTINATION).key(MANIFEST_DIR + "manifest.json"),
				RequestBody.fromBytes(json));
		this.s3.putObject(request -> request.bucket(DESTINATION).key(MANIFEST_DIR + "manifest.checksum"),
				RequestBody.fromString(InventoryManifestReader.md5(json)));
	}

	private static List<PlannedObject> readAll(InventoryReport report) {
		List<PlannedObject> objects = new ArrayList<>();
		for (PlannedObject object = report.read(); object != null; object = report.read()) {
			objects.add(object);
		}
		return objects;
	}

}
