/**
 * The orphan sweep job, {@code orphanSweepJob}: reconciles the bucket with the documents
 * the other way round from the purge. A plan marks every key any document shows
 * ({@link io.mediapurge.sweep.MarkedKeys}, flat memory, errors only keep), lists the
 * bucket under the key prefixes page by page (or reads its S3 Inventory report,
 * {@code io.mediapurge.sweep.inventory}, one data file per partition), and writes the
 * orphan candidates (older than the minimum age, shown by no document) and the dangling
 * references into the job repository ({@code io.mediapurge.sweep.plan}). An apply deletes
 * the plan's keys that are still unreferenced and unchanged, once. Launched by
 * {@code operations.launch} under the purge's lease.
 */
@NullMarked
package io.mediapurge.sweep;

import org.jspecify.annotations.NullMarked;
