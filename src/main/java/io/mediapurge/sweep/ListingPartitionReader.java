package io.mediapurge.sweep;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.ItemReader;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * Reads one partition of a plan's listing ({@link ListingPartitions}): a prefix of the
 * bucket ({@link BucketListingItemReader}) or a data file of an S3 Inventory
 * ({@link InventoryFileItemReader}). Step-scoped, one per partition; keeps no restart
 * state, and records its counters in the partition's context when the partition ends.
 */
interface ListingPartitionReader extends ItemReader<PlannedObject>, StepExecutionListener {

}
