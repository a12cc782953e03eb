package io.mediapurge.sweep.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An orphan candidate of a plan, as the plan run listed it, and what an apply did with
 * it.
 *
 * @param key the object key
 * @param size its size in bytes
 * @param lastModified its LastModified when listed
 * @param eTag its ETag when listed
 * @param prefix the plan's prefix it was listed under
 * @param outcome what an apply did with it, {@code null} before
 * @param outcomeReason why, for a person
 */
public record PlannedObject(String key, long size, Instant lastModified, String eTag, String prefix,
		@Nullable ApplyOutcome outcome, @Nullable String outcomeReason) {

	/**
	 * @param key the object key
	 * @param size its size
	 * @param lastModified its LastModified
	 * @param eTag its ETag
	 * @param prefix the prefix it was listed under
	 * @return a candidate no apply has decided yet
	 */
	public static PlannedObject listed(String key, long size, Instant lastModified, String eTag, String prefix) {
		return new PlannedObject(key, size, lastModified, eTag, prefix, null, null);
	}

}
