/**
 * Sweep plans in the job repository: each plan's candidates (key, size, LastModified,
 * ETag), totals per prefix, dangling references, and what its one apply did with each
 * key, with the apply's audit log. Written by the sweep job
 * ({@code io.mediapurge.sweep}), read by the command line and the HTTP API; needs nothing
 * but the job repository.
 */
@NullMarked
package io.mediapurge.sweep.plan;

import org.jspecify.annotations.NullMarked;
