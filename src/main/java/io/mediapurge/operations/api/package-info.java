/**
 * The HTTP API of the long-running mode over the job repository: recent executions with
 * their run summaries, one execution in detail, the trend of images deleted per day, and
 * the operator's actions (start, restart, stop, recover, abandon). Its read model,
 * {@link io.mediapurge.operations.api.ExecutionQueries}, also serves the command line.
 */
@NullMarked
package io.mediapurge.operations.api;

import org.jspecify.annotations.NullMarked;
