/**
 * Launching and controlling runs of the purge job: {@link PurgeLauncher} starts and
 * restarts them under the job's lease and one at a time per process,
 * {@link ExecutionControl} stops (STOPPING until the steps have stopped), recovers and
 * abandons them and says which actions apply, {@link LocalRuns} knows the runs of this
 * process; the refusals they answer with, and the start-up message for an unreachable job
 * repository. Sits on the job's lease ({@code operations.lease}); the command line, the
 * HTTP API, the schedule and the graceful shutdown sit on it.
 */
@NullMarked
package io.mediapurge.operations.launch;

import org.jspecify.annotations.NullMarked;
