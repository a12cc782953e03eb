/**
 * The purge job {@code mediaPurgeJob}: one chunk-oriented step per content type that
 * reads documents soft-deleted longer ago than the grace period, claims them, deletes
 * their images that nothing else shows, and only then hard-deletes them. Also its skip
 * and retry policies, the run summary and the audit records it writes to the job
 * repository.
 */
@NullMarked
package io.mediapurge.purge;

import org.jspecify.annotations.NullMarked;
