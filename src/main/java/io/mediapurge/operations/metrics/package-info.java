/**
 * The purge job's domain metrics for Prometheus: documents and images per content type
 * and outcome, S3 requests, quarantine, the blast-radius guard's refusals, and when the
 * last run succeeded or failed.
 */
@NullMarked
package io.mediapurge.operations.metrics;

import org.jspecify.annotations.NullMarked;
