package io.mediapurge.sweep.inventory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * One row of an inventory's CSV as a plan's candidate: every field checked (a row that
 * cannot be read is an error, never a row dropped), the key decoded, the ETag in the
 * listing's quoted form, the plan prefix the key lies under (the longest).
 */
final class InventoryRows {

	private final String bucket;

	private final int columns;

	private final int bucketColumn;

	private final int keyColumn;

	private final int sizeColumn;

	private final int lastModifiedColumn;

	private final int eTagColumn;

	private final int isLatestColumn;

	private final int isDeleteMarkerColumn;

	private final List<String> prefixes;

	private long notCurrent;

	private long outsidePrefixes;

	InventoryRows(InventoryManifest manifest, List<String> prefixes) {
		this.bucket = manifest.sourceBucket();
		this.columns = manifest.columns().size();
		this.bucketColumn = manifest.column("Bucket");
		this.keyColumn = manifest.column("Key");
		this.sizeColumn = manifest.column("Size");
		this.lastModifiedColumn = manifest.column("LastModifiedDate");
		this.eTagColumn = manifest.column("ETag");
		this.isLatestColumn = manifest.column("IsLatest");
		this.isDeleteMarkerColumn = manifest.column("IsDeleteMarker");
		// longest first, so the first match is the longest
		this.prefixes = prefixes.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
	}

	/**
	 * @param row the row's fields
	 * @param file the data file, for messages
	 * @param line the row's line in it
	 * @return the object, or {@code null} for an older version, a delete marker or a key
	 * outside the prefixes
	 * @throws InventoryDataException for a row that cannot be read
	 */
	@Nullable PlannedObject object(List<String> row, String file, long line) {
		if (row.size() != this.columns) {
			throw malformed(file, line, row.size() + " fields, the manifest's fileSchema has " + this.columns);
		}
		if (this.bucketColumn >= 0 && !row.get(this.bucketColumn).equals(this.bucket)) {
			throw malformed(file, line, "bucket '" + row.get(this.bucketColumn) + "', not '" + this.bucket + "'");
		}
		String key;
		try {
			key = InventoryKeys.decode(row.get(this.keyColumn));
		}
		catch (IllegalArgumentException ex) {
			throw malformed(file, line, ex.getMessage());
		}
		boolean latest = flag(row, this.isLatestColumn, true, "IsLatest", file, line);
		boolean deleteMarker = flag(row, this.isDeleteMarkerColumn, false, "IsDeleteMarker", file, line);
		if (!latest || deleteMarker) {
			this.notCurrent++;
			return null;
		}
		long size = size(row.get(this.sizeColumn), file, line);
		Instant lastModified = lastModified(row.get(this.lastModifiedColumn), file, line);
		String eTag = row.get(this.eTagColumn);
		if (eTag.isEmpty() || eTag.indexOf('"') >= 0 || !eTag.strip().equals(eTag)) {
			throw malformed(file, line, "ETag '" + eTag + "'");
		}
		for (String prefix : this.prefixes) {
			if (key.startsWith(prefix)) {
				return PlannedObject.listed(key, size, lastModified, InventoryKeys.listingETag(eTag), prefix);
			}
		}
		this.outsidePrefixes++;
		return null;
	}

	long notCurrent() {
		return this.notCurrent;
	}

	long outsidePrefixes() {
		return this.outsidePrefixes;
	}

	private static boolean flag(List<String> row, int column, boolean absent, String name, String file, long line) {
		if (column < 0) {
			return absent;
		}
		return switch (row.get(column)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw malformed(file, line, name + " '" + row.get(column) + "', not true or false");
		};
	}

	private static long size(String value, String file, long line) {
		try {
			long size = Long.parseLong(value);
			if (size >= 0) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw malformed(file, line, "Size '" + value + "', not a number of bytes");
	}

	private static Instant lastModified(String value, String file, long line) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw malformed(file, line, "LastModifiedDate '" + value + "', not an ISO-8601 instant");
		}
	}

	private static InventoryDataException malformed(String file, long line, String reason) {
		return new InventoryDataException(file + ", line " + line + ": " + reason);
	}

}
