package io.mediapurge.operations.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.mediapurge.operations.cli.ExecutionQueries.EventRow;
import io.mediapurge.operations.cli.ExecutionQueries.ExecutionRow;
import io.mediapurge.operations.cli.ExecutionQueries.StepSummaryRow;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.purge.MediaPurgeJobParameters;

/**
 * Plain-text renderings of executions for the command line.
 */
final class ExecutionText {

	/** Events listed one by one in {@code show}; the rest are only counted. */
	static final int MAX_EVENTS = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private ExecutionText() {
	}

	static String lease(Optional<LeaseState> lease) {
		return lease.filter(LeaseState::live)
			.map(state -> "Lease: " + state.describe())
			.orElse("Lease: free (no execution is running)");
	}

	static String list(List<ExecutionRow> rows) {
		if (rows.isEmpty()) {
			return "No executions of mediaPurgeJob yet.\n";
		}
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "ID", "STATUS", "EXIT CODE", "STARTED", "DURATION", "DRY RUN", "CONTENT TYPES",
				"PURGED", "IMAGES DELETED", "SKIPPED", "BLOCKED" });
		for (ExecutionRow row : rows) {
			table.add(new String[] { Long.toString(row.id()), row.status(), text(row.exitCode()), time(row.startTime()),
					duration(row.startTime(), row.endTime()), row.dryRun() ? "yes" : "no",
					row.contentTypes().isEmpty() ? "all" : row.contentTypes(), Long.toString(row.documentsPurged()),
					Long.toString(row.imagesDeleted()), Long.toString(row.documentsSkipped()),
					Long.toString(row.documentsBlocked()) });
		}
		return table(table);
	}

	static String show(JobExecution execution, List<StepSummaryRow> summaries, List<EventRow> events,
			List<String> actions) {
		StringBuilder text = new StringBuilder();
		String contentTypes = execution.getJobParameters().getString(MediaPurgeJobParameters.CONTENT_TYPES, "");
		text.append("Execution ")
			.append(execution.getId())
			.append(" of mediaPurgeJob (instance ")
			.append(execution.getJobInstance().getInstanceId())
			.append(")\n");
		line(text, "status", execution.getStatus().toString());
		line(text, "exit code", execution.getExitStatus().getExitCode());
		line(text, "started", time(execution.getStartTime()));
		line(text, "ended", time(execution.getEndTime()));
		line(text, "duration", duration(execution.getStartTime(), execution.getEndTime()));
		line(text, "dry run", execution.getJobParameters().getString(MediaPurgeJobParameters.DRY_RUN, "?"));
		line(text, "content types", contentTypes.isEmpty() ? "all" : contentTypes);
		line(text, "launched at", execution.getJobParameters().getString(MediaPurgeJobParameters.LAUNCHED_AT, "?"));
		line(text, "actions", actions.isEmpty() ? "none" : String.join(", ", actions));

		text.append("\nSteps:\n");
		List<String[]> steps = new ArrayList<>();
		steps.add(new String[] { "STEP", "STATUS", "EXIT CODE", "READ", "WRITTEN", "SKIPPED", "COMMITS", "ROLLBACKS",
				"DURATION" });
		execution.getStepExecutions()
			.stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.forEach(step -> steps
				.add(new String[] { step.getStepName(), step.getStatus().toString(), step.getExitStatus().getExitCode(),
						Long.toString(step.getReadCount()), Long.toString(step.getWriteCount()),
						Long.toString(step.getSkipCount()), Long.toString(step.getCommitCount()),
						Long.toString(step.getRollbackCount()), duration(step.getStartTime(), step.getEndTime()) }));
		text.append((steps.size() > 1) ? indent(table(steps)) : "  (none)\n");

		text.append("\nPer content type (run summary):\n");
		List<String[]> counts = new ArrayList<>();
		counts.add(new String[] { "CONTENT TYPE", "READ", "PURGED", "SKIPPED", "BLOCKED", "RESTORED", "QUARANTINED",
				"IMAGES DELETED", "SHARED", "EXTERNAL", "ALREADY ABSENT", "FAILED", "S3 REQUESTS" });
		for (StepSummaryRow s : summaries) {
			counts.add(new String[] { s.contentType(), n(s.documentsRead()), n(s.documentsPurged()),
					n(s.documentsSkipped()), n(s.documentsBlocked()), n(s.documentsRestored()),
					n(s.documentsQuarantined()), n(s.imagesDeleted()), n(s.imagesShared()), n(s.imagesExternal()),
					n(s.imagesAlreadyAbsent()), n(s.imagesFailed()), n(s.s3Requests()) });
		}
		text.append((counts.size() > 1) ? indent(table(counts)) : "  (none recorded)\n");

		text.append("\nSkip and block reasons:\n");
		Map<String, Long> reasons = new TreeMap<>();
		events.forEach(e -> reasons.merge(e.contentType() + " " + e.event() + " " + e.reasonCode(), 1L, Long::sum));
		if (reasons.isEmpty()) {
			text.append("  (none)\n");
		}
		reasons.forEach((reason, count) -> text.append("  ").append(reason).append(": ").append(count).append('\n'));
		if (!events.isEmpty()) {
			text.append("\nDocuments:\n");
			List<String[]> documents = new ArrayList<>();
			documents.add(new String[] { "CONTENT TYPE", "DOCUMENT", "EVENT", "REASON CODE", "IMAGE KEY", "REASON" });
			events.stream()
				.limit(MAX_EVENTS)
				.forEach(e -> documents.add(new String[] { e.contentType(), e.documentId(), e.event(), e.reasonCode(),
						text(e.imageKey()), e.reason() }));
			text.append(indent(table(documents)));
			if (events.size() > MAX_EVENTS) {
				text.append("  ... and ").append(events.size() - MAX_EVENTS).append(" more (purge_document_event)\n");
			}
		}

		List<String> failures = failures(execution);
		text.append("\nFailures:\n");
		if (failures.isEmpty()) {
			text.append("  (none)\n");
		}
		failures.forEach(failure -> text.append("  ").append(failure).append('\n'));
		return text.toString();
	}

	static List<String> failures(JobExecution execution) {
		List<String> failures = new ArrayList<>();
		String description = execution.getExitStatus().getExitDescription();
		if (execution.getStatus() != BatchStatus.COMPLETED && !description.isBlank()) {
			failures.add(firstLine(description));
		}
		for (StepExecution step : execution.getStepExecutions()) {
			String stepDescription = step.getExitStatus().getExitDescription();
			if (step.getStatus() == BatchStatus.FAILED && !stepDescription.isBlank()) {
				failures.add(step.getStepName() + ": " + meaningfulCause(stepDescription));
			}
		}
		return failures;
	}

	/**
	 * @param stackTrace a step's exit description (Spring Batch stores the stack trace)
	 * @return the first exception of the chain that is not one of Spring Batch's wrappers
	 */
	private static String meaningfulCause(String stackTrace) {
		return stackTrace.strip()
			.lines()
			.map(line -> line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line)
			.filter(line -> !line.startsWith("\t") && !line.startsWith(" ") && !line.startsWith("..."))
			.filter(line -> !line.startsWith("org.springframework.batch.")
					&& !line.startsWith("org.springframework.core.retry."))
			.findFirst()
			.map(ExecutionText::firstLine)
			.orElseGet(() -> firstLine(stackTrace));
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 300) ? line.substring(0, 299) + "…" : line;
	}

	private static void line(StringBuilder text, String name, String value) {
		text.append("  ").append(String.format("%-15s", name + ":")).append(value).append('\n');
	}

	private static String n(long value) {
		return Long.toString(value);
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	static String time(@Nullable LocalDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	static String duration(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return "-";
		}
		Duration duration = Duration.between(start, (end != null) ? end : LocalDateTime.now());
		long seconds = Math.max(0, duration.toSeconds());
		String text = (seconds >= 3600) ? (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m"
				: (seconds >= 60) ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
		return (end != null) ? text : text + " (so far)";
	}

	private static String table(List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		rows.forEach(row -> {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		});
		StringBuilder text = new StringBuilder();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append((i < row.length - 1) ? String.format("%-" + (widths[i] + 2) + "s", row[i]) : row[i]);
			}
			text.append(line.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

	private static String indent(String text) {
		return text.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
	}

}
