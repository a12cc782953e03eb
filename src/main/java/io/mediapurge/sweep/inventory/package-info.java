/**
 * An S3 Inventory report as the source of the orphan sweep's listing, for buckets too
 * large to list with ListObjectsV2 in one night. {@link InventoryManifestReader} reads
 * and validates a {@code manifest.json} (CSV only, of our bucket, with Key, Size,
 * LastModifiedDate and ETag, not older than a maximum age) from its destination bucket;
 * {@link InventoryReport} streams the rows of its gzip CSV data files, one file at a time
 * with flat memory, each checked against the manifest's MD5, as the plan's candidates
 * ({@link io.mediapurge.sweep.plan.PlannedObject}) under the plan's prefixes.
 *
 * <p>
 * A manifest that cannot be used is refused before anything is read
 * ({@link InventoryRefusedException}); a data file that turns out unusable while it is
 * read fails the read ({@link InventoryDataException}), never drops a row. Needs only the
 * S3 client and {@code sweep.plan}; the sweep job uses it, never the other way round.
 */
@NullMarked
package io.mediapurge.sweep.inventory;

import org.jspecify.annotations.NullMarked;
