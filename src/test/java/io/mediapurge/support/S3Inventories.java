package io.mediapurge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 Inventory reports of the test bucket, delivered to a destination bucket of the
 * in-process S3 server as S3 writes them: gzip CSV data files without a header (keys
 * form-encoded, ETags unquoted, every field quoted), a {@code manifest.json} listing them
 * with their size and MD5, and its {@code manifest.checksum}.
 */
public final class S3Inventories {

	/** The destination bucket the inventories are delivered to. */
	public static final String DESTINATION = "media-inventory";

	/**
	 * The columns of an inventory of current versions with the fields the sweep needs.
	 */
	public static final String SCHEMA = "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final S3Client client;

	private final String bucket;

	public S3Inventories(EmbeddedS3 server) {
		this.bucket = server.bucket();
		this.client = S3Client.builder()
			.endpointOverride(server.endpoint())
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
			.build();
		if (this.client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(DESTINATION))) {
			this.client.createBucket(request -> request.bucket(DESTINATION));
		}
	}

	/** Empties the destination bucket. */
	public void clear() {
		this.client.listObjectsV2Paginator(request -> request.bucket(DESTINATION))
			.contents()
			.forEach(object -> this.client.deleteObject(request -> request.bucket(DESTINATION).key(object.key())));
	}

	/**
	 * The rows of the bucket's current objects under a prefix, as the inventory writes
	 * them ({@link #SCHEMA}).
	 */
	public List<String> rows(String prefix) {
		return this.client
			.listObjectsV2Paginator(
					request -> request.bucket(this.bucket).prefix(prefix).encodingType(EncodingType.URL))
			.contents()
			.stream()
			.map(this::row)
			.toList();
	}

	/** One row of {@link #SCHEMA} for an object as a listing shows it. */
	public String row(S3Object object) {
		return row(this.bucket, object.key(), object.size(), object.lastModified(), object.eTag().replace("\"", ""));
	}

	/** One row of {@link #SCHEMA}, every field as given (the key is form-encoded). */
	public static String row(String bucket, String key, long size, Instant lastModified, String eTag) {
		return csv(bucket, URLEncoder.encode(key, StandardCharsets.UTF_8), String.valueOf(size),
				TIME.format(lastModified), eTag, "STANDARD");
	}

	/** Fields quoted as S3 Inventory quotes them. */
	public static String csv(String... fields) {
		return List.of(fields)
			.stream()
			.map(field -> "\"" + field.replace("\"", "\"\"") + "\"")
			.collect(Collectors.joining(","));
	}

	/**
	 * Delivers an inventory of the bucket with {@link #SCHEMA}, one data file per list of
	 * rows.
	 * @param created its creationTimestamp
	 * @param files the rows of each data file
	 * @return its location, {@code s3://media-inventory/.../manifest.json}
	 */
	public String deliver(Instant created, List<List<String>> files) {
		return deliver(this.bucket, "CSV", SCHEMA, created, files);
	}

	/**
	 * Delivers an inventory as given.
	 * @return its location
	 */
	public String deliver(String sourceBucket, String format, String schema, Instant created,
			List<List<String>> files) {
		String dir = dir(created);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			entries.add(dataFile(dir, "part-" + i, files.get(i)));
		}
		return deliverManifest(dir, manifest(sourceBucket, format, schema, created, entries));
	}

	/** The JSON of a manifest delivered to {@link #DESTINATION}. */
	public String manifest(String sourceBucket, String format, String schema, Instant created, List<String> files) {
		return manifestJson(sourceBucket, DESTINATION, format, schema, created, files);
	}

	/** The JSON of a manifest, as S3 Inventory writes one. */
	public static String manifestJson(String sourceBucket, String destination, String format, String schema,
			Instant created, List<String> files) {
		return """
				{
				  "sourceBucket" : "%s",
				  "destinationBucket" : "arn:aws:s3:::%s",
				  "version" : "2016-11-30",
				  "creationTimestamp" : "%d",
				  "fileFormat" : "%s",
				  "fileSchema" : "%s",
				  "files" : [ %s ]
				}
				""".formatted(sourceBucket, destination, created.toEpochMilli(), format, schema,
				String.join(", ", files));
	}

	/** Uploads a gzip data file; returns its manifest entry. */
	public String dataFile(String dir, String name, List<String> rows) {
		byte[] content = gzip(rows);
		String key = dir + "data/" + name + ".csv.gz";
		put(key, content);
		return fileEntry(key, content);
	}

	/** Rows as a gzip CSV data file holds them. */
	public static byte[] gzip(List<String> rows) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			for (String row : rows) {
				gzip.write((row + "\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A data file's entry in a manifest's {@code files}. */
	public static String fileEntry(String key, byte[] content) {
		return """
				{ "key" : "%s", "size" : %d, "MD5checksum" : "%s" }""".formatted(key, content.length, md5(content));
	}

	/**
	 * Writes {@code manifest.json} and its {@code manifest.checksum}, as S3 Inventory
	 * does; returns the manifest's location.
	 */
	public String deliverManifest(String dir, String manifest) {
		byte[] json = manifest.getBytes(StandardCharsets.UTF_8);
		put(dir + "manifest.json", json);
		put(dir + "manifest.checksum", md5(json).getBytes(StandardCharsets.US_ASCII));
		return "s3://" + DESTINATION + "/" + dir + "manifest.json";
	}

	/** Writes an object of the destination bucket. */
	public void put(String key, byte[] content) {
		this.client.putObject(request -> request.bucket(DESTINATION).key(key), RequestBody.fromBytes(content));
	}

	/** Reads an object of the destination bucket. */
	public byte[] get(String key) {
		return this.client.getObjectAsBytes(request -> request.bucket(DESTINATION).key(key)).asByteArray();
	}

	/** The directory of an inventory made at a time, as S3 names it. */
	public String dir(Instant created) {
		return "inventories/" + this.bucket + "/daily/"
				+ DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss-SSS'Z'").withZone(ZoneOffset.UTC).format(created)
				+ "/";
	}

	public static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
