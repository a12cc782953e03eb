/**
 * Stopping gracefully on SIGTERM: the running chunk finishes and the execution ends
 * STOPPED.
 */
@NullMarked
package io.mediapurge.operations.shutdown;

import org.jspecify.annotations.NullMarked;
