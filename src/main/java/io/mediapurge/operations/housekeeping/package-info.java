/**
 * Pruning of job metadata older than {@code media-purge.metadata.retention}: Spring
 * Batch's tables and the job's own records, never a running execution nor the last one of
 * a job.
 */
@NullMarked
package io.mediapurge.operations.housekeeping;

import org.jspecify.annotations.NullMarked;
