/**
 * The HTTP API of the long-running mode: reads executions through the read model
 * ({@code operations.executions}) and acts on them through the launcher
 * ({@code operations.launch}): start, restart, stop, recover, abandon.
 */
@NullMarked
package io.mediapurge.operations.api;

import org.jspecify.annotations.NullMarked;
