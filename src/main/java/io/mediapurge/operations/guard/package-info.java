/**
 * What the blast-radius guard reports outside the job: its metric.
 */
@NullMarked
package io.mediapurge.operations.guard;

import org.jspecify.annotations.NullMarked;
