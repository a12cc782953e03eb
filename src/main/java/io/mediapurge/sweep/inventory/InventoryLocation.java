package io.mediapurge.sweep.inventory;

import java.util.regex.Pattern;

/**
 * Where an inventory's {@code manifest.json} lies: {@code s3://<bucket>/<key>}, the
 * bucket being the inventory's destination bucket (often not the bucket it lists).
 *
 * @param bucket the bucket holding the manifest
 * @param key the manifest's key, ending in {@code manifest.json}
 */
public record InventoryLocation(String bucket, String key) {

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private static final String MANIFEST = "manifest.json";

	/**
	 * @param location {@code s3://<bucket>/<key>/manifest.json}
	 * @return the location
	 * @throws InventoryRefusedException for anything else, saying what was expected
	 */
	public static InventoryLocation parse(String location) {
		String example = "; expected s3://<destination-bucket>/<prefix>/<source-bucket>/<config-id>/"
				+ "<YYYY-MM-DDTHH-MMZ>/manifest.json";
		if (!location.startsWith("s3://")) {
			throw new InventoryRefusedException("inventory '" + location + "' is not an s3:// location" + example);
		}
		String rest = location.substring("s3://".length());
		int slash = rest.indexOf('/');
		if (slash <= 0 || slash == rest.length() - 1) {
			throw new InventoryRefusedException("inventory '" + location + "' names no key" + example);
		}
		String bucket = rest.substring(0, slash);
		String key = rest.substring(slash + 1);
		if (!BUCKET.matcher(bucket).matches()) {
			throw new InventoryRefusedException(
					"inventory '" + location + "': '" + bucket + "' is not a valid bucket name");
		}
		if (!key.equals(MANIFEST) && !key.endsWith("/" + MANIFEST)) {
			throw new InventoryRefusedException(
					"inventory '" + location + "' is not a manifest.json (only the CSV manifest "
							+ "is read, not symlink.txt or a data file)" + example);
		}
		return new InventoryLocation(bucket, key);
	}

	/** The key of the manifest's checksum file beside it. */
	String checksumKey() {
		return this.key.substring(0, this.key.length() - MANIFEST.length()) + "manifest.checksum";
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.key;
	}

}
