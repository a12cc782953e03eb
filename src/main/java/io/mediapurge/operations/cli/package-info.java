/**
 * The command line of the one-shot jar: the plain run with {@code dryRun=} and
 * {@code contentTypes=}, {@code executions list|show|start|restart|stop|recover|abandon},
 * and the process's exit codes.
 */
@NullMarked
package io.mediapurge.operations.cli;

import org.jspecify.annotations.NullMarked;
