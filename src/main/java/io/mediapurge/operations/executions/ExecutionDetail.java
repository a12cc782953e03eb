package io.mediapurge.operations.executions;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * One execution in detail, as shown by {@code GET /api/executions/{id}} and by
 * {@code executions show}: the fields of {@link ExecutionSummary} plus its steps, the
 * documents that need a person and its failures. What may be done with it now is not
 * history: the launcher's {@code ExecutionControl} says it.
 *
 * @param execution the execution's summary (its fields appear at the top level in JSON)
 * @param steps its steps, in the order they ran
 * @param events skipped, blocked, quarantined and restored documents (at most
 * {@link ExecutionQueries#MAX_EVENTS}, oldest first)
 * @param eventCount how many such events the execution recorded in all
 * @param eventsByReason all of those events counted by content type, event and reason
 * code, in that order
 * @param failures why it or its steps failed, one entry each, without stack traces
 */
public record ExecutionDetail(@JsonUnwrapped ExecutionSummary execution, List<Step> steps, List<Event> events,
		long eventCount, List<ReasonCount> eventsByReason, List<String> failures) {

	/**
	 * One step of the execution: one content type.
	 *
	 * @param name the step name ({@code purge-<content type>})
	 * @param contentType the content type
	 * @param status its batch status
	 * @param exitCode its exit code
	 * @param exitDescription its exit description without stack traces, empty when none
	 * @param readCount documents read (Spring Batch's count, updated every chunk)
	 * @param writeCount documents written
	 * @param skipCount documents skipped
	 * @param commitCount chunks committed
	 * @param rollbackCount chunks rolled back
	 * @param startTime when it started
	 * @param endTime when it ended, {@code null} while running
	 * @param summaryRecorded whether its run summary is recorded (when the step ends; a
	 * step still running, or killed with its process, has none)
	 * @param summary its run summary; while not recorded, what it had counted after its
	 * last chunk (all zeros before the first)
	 * @param selected whether the run was asked to purge this content type: a step not
	 * selected ends COMPLETED at once without reading anything, it did not run
	 */
	public record Step(String name, String contentType, String status, String exitCode, String exitDescription,
			long readCount, long writeCount, long skipCount, long commitCount, long rollbackCount,
			@Nullable Instant startTime, @Nullable Instant endTime, boolean summaryRecorded, Summary summary,
			boolean selected) {
	}

	/**
	 * A document that needs a person: skipped, blocked, quarantined or restored.
	 *
	 * @param contentType its content type
	 * @param documentId its id
	 * @param event SKIPPED, BLOCKED, QUARANTINED or RESTORED
	 * @param reasonCode the reason's code
	 * @param reason the reason, for a person
	 * @param imageKey the key concerned, if any
	 * @param occurredAt when
	 */
	public record Event(String contentType, String documentId, String event, String reasonCode, String reason,
			@Nullable String imageKey, Instant occurredAt) {
	}

	/**
	 * How many events of one kind an execution recorded.
	 *
	 * @param contentType the content type
	 * @param event SKIPPED, BLOCKED, QUARANTINED or RESTORED
	 * @param reasonCode the reason's code
	 * @param count how many
	 */
	public record ReasonCount(String contentType, String event, String reasonCode, long count) {
	}

}
