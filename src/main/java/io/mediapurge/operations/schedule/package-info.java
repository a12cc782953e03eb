/**
 * The long-running mode's schedule: launches the purge job on a cron expression, never
 * overlapping a running execution (the job's lease refuses the tick).
 */
@NullMarked
package io.mediapurge.operations.schedule;

import org.jspecify.annotations.NullMarked;
