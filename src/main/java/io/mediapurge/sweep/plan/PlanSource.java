package io.mediapurge.sweep.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a plan's listing came from: ListObjectsV2 under its prefixes, as the bucket was
 * while the plan ran, or an S3 Inventory report, as the bucket was when the inventory was
 * made.
 *
 * @param type {@code listing} or {@code inventory}
 * @param manifest the inventory's {@code manifest.json}
 * ({@code s3://<bucket>/<key>/manifest.json}), {@code null} for a listing
 * @param manifestCreatedAt when the inventory began, {@code null} for a listing: objects
 * written since are not in the plan
 */
public record PlanSource(String type, @Nullable String manifest, @Nullable Instant manifestCreatedAt) {

	/** ListObjectsV2 under the plan's prefixes. */
	public static final PlanSource LISTING = new PlanSource("listing", null, null);

	/**
	 * @param manifest where its manifest lies
	 * @param createdAt when it was made
	 * @return an S3 Inventory as the source
	 */
	public static PlanSource inventory(String manifest, Instant createdAt) {
		return new PlanSource("inventory", manifest, createdAt);
	}

	@Override
	public String toString() {
		return (this.manifest != null) ? "S3 Inventory " + this.manifest + " (created " + this.manifestCreatedAt + ")"
				: "listing (ListObjectsV2)";
	}

}
