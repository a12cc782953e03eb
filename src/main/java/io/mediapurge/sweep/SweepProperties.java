package io.mediapurge.sweep;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The orphan sweep. The prefixes it lists are {@code media-purge.s3.key-prefixes} (or a
 * subset given to one plan); with none, a sweep is refused.
 *
 * @param minAge an object is a candidate only when its LastModified is older than this at
 * the plan's start, so uploads a document has not saved yet are never touched
 * @param pageSize keys per ListObjectsV2 request and per chunk (S3 answers at most 1,000)
 * @param deleteChunkSize keys of a plan an apply decides per chunk: one listing of their
 * key range and one DeleteObjects request (at most 1,000)
 * @param exactKeys distinct referenced keys held exactly before the mark answers from its
 * Bloom filter alone (see {@link MarkedKeys})
 * @param maxDanglingReferences dangling references recorded per plan (all are counted)
 * @param listThreads ListObjectsV2 listings a sweep runs at the same time: a plan lists
 * this many prefixes (one partition of the listing per prefix) or inventory files at
 * once; an apply lists each chunk's keys in up to this many slices of a prefix at once
 * @param inventoryMaxAge the oldest S3 Inventory a plan is made from, counted from its
 * creationTimestamp (S3 delivers one daily or weekly): an older manifest is refused
 * @param conditionalDeletes an apply sends each key with its planned ETag (a conditional
 * DeleteObjects, which needs s3:GetObject besides s3:DeleteObject), so that S3 keeps a
 * key overwritten after the apply listed it; off for an S3-compatible store that refuses
 * or ignores the ETag element, the apply's listing alone then tells changed keys
 */
@ConfigurationProperties("media-purge.sweep")
@Validated
public record SweepProperties(@NotNull @DefaultValue("7d") Duration minAge,
		@Min(1) @Max(1000) @DefaultValue("1000") int pageSize,
		@Min(1) @Max(1000) @DefaultValue("1000") int deleteChunkSize, @Min(0) @DefaultValue("100000") int exactKeys,
		@Min(0) @DefaultValue("10000") int maxDanglingReferences, @Min(1) @Max(64) @DefaultValue("4") int listThreads,
		@NotNull @DefaultValue("8d") Duration inventoryMaxAge, @DefaultValue("true") boolean conditionalDeletes) {
}
