/**
 * The command line of the one-shot jar: {@code executions list|show|start|restart|stop|
 * recover|abandon}, besides the plain run with {@code dryRun=} and {@code contentTypes=}.
 */
@NullMarked
package io.mediapurge.operations.cli;

import org.jspecify.annotations.NullMarked;
