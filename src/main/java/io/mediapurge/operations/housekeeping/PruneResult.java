package io.mediapurge.operations.housekeeping;

import java.time.Instant;

/**
 * What one pruning removed.
 *
 * @param cutoff metadata of job instances whose executions all ended before this was
 * pruned
 * @param jobInstances job instances removed
 * @param jobExecutions job executions removed, with their steps, contexts, parameters and
 * the job's records
 */
public record PruneResult(Instant cutoff, int jobInstances, int jobExecutions) {
}
