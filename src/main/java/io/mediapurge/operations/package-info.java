/**
 * Running the job: the one-shot launch from the command line, its arguments and its exit
 * codes.
 */
@NullMarked
package io.mediapurge.operations;

import org.jspecify.annotations.NullMarked;
