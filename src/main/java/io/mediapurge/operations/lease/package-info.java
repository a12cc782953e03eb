/**
 * The job's lease: a lock row in the job repository, renewed by a heartbeat, so that at
 * most one execution of the purge job runs at a time across every process sharing the
 * repository, and a killed process blocks nobody for longer than the lease's time to
 * live.
 */
@NullMarked
package io.mediapurge.operations.lease;

import org.jspecify.annotations.NullMarked;
