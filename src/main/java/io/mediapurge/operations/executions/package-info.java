/**
 * The read model of executions over the job repository: recent executions with their run
 * summaries, one execution in detail, the trend of images deleted per day, and exit
 * messages for a person. Read by the HTTP API, the dashboard and the command line; it
 * imports nothing of theirs.
 */
@NullMarked
package io.mediapurge.operations.executions;

import org.jspecify.annotations.NullMarked;
