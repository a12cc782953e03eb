/**
 * Dry-run plans: what a dry run would do to each document (keys to delete, keys kept as
 * shared, external URLs, blocked reasons), recorded in the job repository and served as
 * JSON and CSV.
 */
@NullMarked
package io.mediapurge.operations.plan;

import org.jspecify.annotations.NullMarked;
