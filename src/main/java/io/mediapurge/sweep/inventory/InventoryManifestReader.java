package io.mediapurge.sweep.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads an inventory's {@code manifest.json} from its destination bucket with the
 * project's S3 client and refuses one a plan must not be built from: not CSV, of another
 * bucket than ours, without Key, Size, LastModifiedDate or ETag, whose
 * {@code manifest.checksum} does not match (S3 writes one beside each manifest; a copy
 * without it is read unchecked), or older than the maximum age. A stale inventory misses
 * the objects uploaded since (they would be reported as dangling references) and still
 * lists objects deleted since; the apply checks every key again, so staleness can only
 * keep objects, but past a limit the plan says little.
 */
public final class InventoryManifestReader {

	private final S3Client s3;

	private final String bucket;

	private final Duration maxAge;

	private final Clock clock;

	/**
	 * @param s3 the client, with credentials that may read the destination bucket
	 * @param bucket our bucket ({@code media-purge.s3.bucket}): the manifest must list it
	 * @param maxAge the oldest inventory accepted, counted from its creationTimestamp
	 * @param clock the time now
	 */
	public InventoryManifestReader(S3Client s3, String bucket, Duration maxAge, Clock clock) {
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("The maximum age of an inventory must be positive, got " + maxAge);
		}
		this.s3 = s3;
		this.bucket = bucket;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * @param location where the manifest lies
	 * @return the manifest, checked
	 * @throws InventoryRefusedException when a plan must not be built from it
	 * @throws S3Exception when S3 fails otherwise (access denied, an outage)
	 */
	public InventoryManifest read(InventoryLocation location) {
		byte[] json = get(location.bucket(), location.key());
		if (json == null) {
			throw new InventoryRefusedException("Inventory manifest " + location + " does not exist");
		}
		byte[] checksum = get(location.bucket(), location.checksumKey());
		if (checksum != null) {
			String expected = new String(checksum, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
			String actual = md5(json);
			if (!expected.equals(actual)) {
				throw new InventoryRefusedException("Inventory manifest " + location + " has MD5 " + actual
						+ " but its manifest.checksum says " + expected + ": it is incomplete or was altered");
			}
		}
		InventoryManifest manifest = InventoryManifest.parse(location, json, this.bucket);
		Instant now = this.clock.instant();
		Duration age = Duration.between(manifest.createdAt(), now);
		if (age.compareTo(this.maxAge) > 0) {
			throw new InventoryRefusedException("Inventory manifest " + location + " was created at "
					+ manifest.createdAt() + ", " + age.toHours() + " hours ago, more than the maximum age of "
					+ this.maxAge.toHours() + " hours: a stale inventory misses the objects uploaded since "
					+ "(reported as dangling references); use a newer one");
		}
		return manifest;
	}

	private byte @Nullable [] get(String bucket, String key) {
		try {
			return this.s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
		}
		catch (NoSuchKeyException ex) {
			return null;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404 && !"NoSuchBucket".equals(code(ex))) {
				return null;
			}
			if ("NoSuchBucket".equals(code(ex))) {
				throw new InventoryRefusedException("Inventory bucket '" + bucket + "' does not exist", ex);
			}
			throw ex;
		}
	}

	private static @Nullable String code(S3Exception ex) {
		return (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
	}

	static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has MD5", ex);
		}
	}

}
