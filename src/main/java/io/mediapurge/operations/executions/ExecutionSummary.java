package io.mediapurge.operations.executions;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One execution of the purge job, as listed by {@code GET /api/executions}.
 *
 * @param id the job execution id
 * @param instanceId its job instance (a restart is a new execution of the same instance)
 * @param status its batch status (STARTING, STARTED, STOPPING, STOPPED, FAILED,
 * COMPLETED, ABANDONED, UNKNOWN)
 * @param exitCode its exit code (COMPLETED, COMPLETED_WITH_ISSUES, FAILED, ...)
 * @param exitDescription the exit description without stack traces, empty when none
 * @param startTime when it started, {@code null} before
 * @param endTime when it ended, {@code null} while running
 * @param durationSeconds from start to end, or to now while running
 * @param dryRun whether it only reported
 * @param contentTypes the content types it was asked to purge, empty for all
 * @param launchedAt when it was asked for (its {@code launchedAt} parameter: documents
 * soft-deleted more than the grace period before it are due, also in a restart)
 * @param totals the sum of its steps' run summaries; while a step runs, what it has
 * counted so far (after its last chunk)
 * @param progress how it is going while it runs, {@code null} once it has ended
 */
public record ExecutionSummary(long id, long instanceId, String status, String exitCode, String exitDescription,
		@Nullable Instant startTime, @Nullable Instant endTime, @Nullable Long durationSeconds, boolean dryRun,
		List<String> contentTypes, @Nullable Instant launchedAt, Summary totals, @Nullable Progress progress) {

	/**
	 * @param contentType a content type of the job
	 * @return whether this execution was asked to purge it (all are, when none is named)
	 */
	public boolean selected(String contentType) {
		return this.contentTypes.isEmpty() || this.contentTypes.contains(contentType);
	}

}
