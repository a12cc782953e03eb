package io.mediapurge.sweep.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validated S3 Inventory manifest ({@code manifest.json}) of our bucket in CSV format.
 * Read one with {@link InventoryManifestReader}.
 *
 * @param location where the manifest was read; its data files are read from the same
 * bucket
 * @param sourceBucket the bucket the inventory lists (always ours)
 * @param destinationBucket the bucket the inventory was delivered to, as the manifest
 * names it (without the {@code arn:aws:s3:::} prefix)
 * @param createdAt when the inventory began scanning the bucket
 * @param columns the columns of every data file's rows, in order ({@code fileSchema})
 * @param files the data files, gzip CSV without a header row
 */
public record InventoryManifest(InventoryLocation location, String sourceBucket, String destinationBucket,
		Instant createdAt, List<String> columns, List<DataFile> files) {

	/** The columns a plan needs: the key and what the apply compares. */
	static final List<String> REQUIRED_COLUMNS = List.of("Key", "Size", "LastModifiedDate", "ETag");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

	private static final String ARN = "arn:aws:s3:::";

	public InventoryManifest {
		columns = List.copyOf(columns);
		files = List.copyOf(files);
	}

	/**
	 * @param column a column of {@code fileSchema}
	 * @return its index in a row, or -1 when the inventory has no such column
	 */
	public int column(String column) {
		return this.columns.indexOf(column);
	}

	/**
	 * Reads and checks a manifest's content, all but its age.
	 * @param location where it was read
	 * @param json its content
	 * @param bucket our bucket: the manifest must list it
	 * @return the manifest
	 * @throws InventoryRefusedException when a plan must not be built from it
	 */
	static InventoryManifest parse(InventoryLocation location, byte[] json, String bucket) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InventoryRefusedException(
					"Inventory manifest " + location + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new InventoryRefusedException("Inventory manifest " + location + " is not a JSON object");
		}
		String format = text(root, "fileFormat", location);
		if (!format.equalsIgnoreCase("CSV")) {
			throw new InventoryRefusedException("Inventory manifest " + location + " is of format " + format
					+ ": only CSV inventories are supported (not ORC or Parquet); configure the inventory with "
					+ "output format CSV");
		}
		String source = text(root, "sourceBucket", location);
		if (!source.equals(bucket)) {
			throw new InventoryRefusedException(
					"Inventory manifest " + location + " lists bucket '" + source + "', not '" + bucket
							+ "' (media-purge.s3.bucket): a plan is never built from another " + "bucket's inventory");
		}
		String destination = text(root, "destinationBucket", location);
		if (destination.startsWith(ARN)) {
			destination = destination.substring(ARN.length());
		}
		List<String> columns = Arrays.stream(text(root, "fileSchema", location).split(",", -1))
			.map(String::trim)
			.toList();
		List<String> missing = REQUIRED_COLUMNS.stream().filter(column -> !columns.contains(column)).toList();
		if (!missing.isEmpty()) {
			throw new InventoryRefusedException("Inventory manifest " + location + " has no column "
					+ String.join(", ", missing) + " (fileSchema: " + String.join(", ", columns)
					+ "); add Size, Last modified and ETag to the inventory's additional fields");
		}
		return new InventoryManifest(location, source, destination, createdAt(root, location), columns,
				files(root, location));
	}

	private static Instant createdAt(JsonNode root, InventoryLocation location) {
		String value = text(root, "creationTimestamp", location);
		try {
			return Instant.ofEpochMilli(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new InventoryRefusedException("Inventory manifest " + location + " has creationTimestamp '" + value
					+ "', not milliseconds since the epoch");
		}
	}

	private static List<DataFile> files(JsonNode root, InventoryLocation location) {
		JsonNode files = root.get("files");
		if (files == null || !files.isArray()) {
			throw new InventoryRefusedException("Inventory manifest " + location + " has no files array");
		}
		List<DataFile> read = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			JsonNode file = files.get(i);
			String where = "Inventory manifest " + location + ", files[" + i + "]";
			JsonNode key = file.get("key");
			JsonNode size = file.get("size");
			JsonNode md5 = file.get("MD5checksum");
			if (key == null || !key.isString() || key.asString().isEmpty()) {
				throw new InventoryRefusedException(where + " has no key");
			}
			if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
				throw new InventoryRefusedException(where + " has no size in bytes");
			}
			if (md5 == null || !md5.isString() || !MD5.matcher(md5.asString()).matches()) {
				throw new InventoryRefusedException(where + " has no MD5checksum of 32 hex digits");
			}
			if (!key.asString().endsWith(".csv.gz")) {
				throw new InventoryRefusedException(where + " '" + key.asString() + "' is not a .csv.gz file");
			}
			read.add(new DataFile(key.asString(), size.asLong(), md5.asString().toLowerCase(Locale.ROOT)));
		}
		return read;
	}

	private static String text(JsonNode root, String field, InventoryLocation location) {
		JsonNode value = root.get(field);
		if (value == null || !value.isValueNode() || value.asString().isBlank()) {
			throw new InventoryRefusedException("Inventory manifest " + location + " has no " + field);
		}
		return value.asString().trim();
	}

	/**
	 * A data file of the inventory.
	 *
	 * @param key its key in the manifest's bucket
	 * @param size its size in bytes (gzip)
	 * @param md5 the MD5 of its bytes, lower-case hex
	 */
	public record DataFile(String key, long size, String md5) {
	}

}
