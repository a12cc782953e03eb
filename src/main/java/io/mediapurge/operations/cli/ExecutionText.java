package io.mediapurge.operations.cli;

import static io.mediapurge.operations.cli.TextTable.duration;
import static io.mediapurge.operations.cli.TextTable.indent;
import static io.mediapurge.operations.cli.TextTable.time;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_BLOCKED;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_PURGED;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_READ;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_SKIPPED;
import static io.mediapurge.purge.SummaryCounter.IMAGES_DELETED;
import static io.mediapurge.purge.SummaryCounter.S3_REQUESTS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.executions.ExecutionDetail.Event;
import io.mediapurge.operations.executions.ExecutionDetail.Step;
import io.mediapurge.operations.executions.ExecutionSummary;
import io.mediapurge.operations.executions.ExitMessages;
import io.mediapurge.operations.executions.Progress;
import io.mediapurge.operations.executions.Summary;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.purge.SummaryCounter;

/**
 * Plain-text renderings of executions for the command line, from the read model the HTTP
 * API serves as JSON. A dry run's counts say what a real run would do, and are worded so.
 */
final class ExecutionText {

	/** Events listed one by one in {@code show}; the rest are only counted. */
	static final int MAX_EVENTS = 50;

	private ExecutionText() {
	}

	static String lease(Optional<LeaseState> lease) {
		return lease.filter(LeaseState::live)
			.map((state) -> "Lease: " + state.describe())
			.orElse("Lease: free (no execution is running)");
	}

	static String list(List<ExecutionSummary> executions) {
		if (executions.isEmpty()) {
			return "No executions of mediaPurgeJob yet.\n";
		}
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "ID", "STATUS", "EXIT CODE", "STARTED", "DURATION", "DRY RUN", "CONTENT TYPES",
				"PURGED", "IMAGES DELETED", "SKIPPED", "BLOCKED" });
		for (ExecutionSummary execution : executions) {
			Summary totals = execution.totals();
			// a dry run deleted nothing: its figures are what a real run would do
			String would = execution.dryRun() ? "would " : "";
			table.add(new String[] { Long.toString(execution.id()), execution.status(), execution.exitCode(),
					time(execution.startTime()), duration(execution.startTime(), execution.endTime()),
					execution.dryRun() ? "yes" : "no", contentTypes(execution), would + n(totals.get(DOCUMENTS_PURGED)),
					would + n(totals.get(IMAGES_DELETED)), n(totals.get(DOCUMENTS_SKIPPED)),
					n(totals.get(DOCUMENTS_BLOCKED)) });
		}
		return TextTable.of(table);
	}

	static String show(ExecutionDetail detail, List<String> actions) {
		StringBuilder text = new StringBuilder();
		ExecutionSummary execution = detail.execution();
		text.append("Execution ")
			.append(execution.id())
			.append(" of mediaPurgeJob (instance ")
			.append(execution.instanceId())
			.append(")\n");
		line(text, "status", execution.status());
		line(text, "exit code", execution.exitCode());
		line(text, "started", time(execution.startTime()));
		line(text, "ended", time(execution.endTime()));
		line(text, "duration", duration(execution.startTime(), execution.endTime()));
		line(text, "dry run",
				execution.dryRun() ? "yes: nothing was deleted, the counts say what a real run would do" : "no");
		if (execution.dryRun()) {
			line(text, "plan", "executions plan " + execution.id() + " [format=json|csv]");
		}
		line(text, "content types", contentTypes(execution));
		Instant launchedAt = execution.launchedAt();
		line(text, "launched at", (launchedAt != null) ? launchedAt.toString() : "?");
		line(text, "actions", actions.isEmpty() ? "none" : String.join(", ", actions));
		Progress progress = execution.progress();
		if (progress != null) {
			line(text, "progress", progress(execution, progress));
		}

		text.append("\nSteps:\n");
		List<String[]> steps = new ArrayList<>();
		steps.add(new String[] { "STEP", "STATUS", "EXIT CODE", "READ", "WRITTEN", "SKIPPED", "COMMITS", "ROLLBACKS",
				"DURATION" });
		detail.steps()
			.forEach((step) -> steps.add(step.selected()
					? new String[] { step.name(), step.status(), step.exitCode(), n(step.readCount()),
							n(step.writeCount()), n(step.skipCount()), n(step.commitCount()), n(step.rollbackCount()),
							duration(step.startTime(), step.endTime()) }
					: new String[] { step.name(), "not run (not selected)", "", "", "", "", "", "", "" }));
		text.append((steps.size() > 1) ? indent(TextTable.of(steps)) : "  (none)\n");

		text.append("\nPer content type (run summary")
			.append(execution.dryRun() ? ", what a real run would do" : "")
			.append(")");
		text.append((progress != null) ? ", so far:\n" : ":\n");
		List<String[]> counts = new ArrayList<>();
		counts.add(Stream
			.concat(Stream.of("CONTENT TYPE"),
					Stream.of(SummaryCounter.values()).map((counter) -> header(counter, execution.dryRun())))
			.toArray(String[]::new));
		detail.steps()
			.stream()
			.filter((step) -> step.selected() && (step.summaryRecorded() || isRunning(step.status())))
			.sorted(Comparator.comparing(Step::contentType))
			.forEach((step) -> {
				Summary s = step.summary();
				counts.add(Stream
					.concat(Stream.of(step.contentType()),
							Stream.of(SummaryCounter.values()).map((counter) -> n(s.get(counter))))
					.toArray(String[]::new));
			});
		text.append((counts.size() > 1) ? indent(TextTable.of(counts)) : "  (none recorded)\n");

		text.append("\nSkip and block reasons:\n");
		Map<String, Long> reasons = new TreeMap<>();
		detail.eventsByReason()
			.forEach((r) -> reasons.merge(r.contentType() + " " + r.event() + " " + r.reasonCode(), r.count(),
					Long::sum));
		if (reasons.isEmpty()) {
			text.append("  (none)\n");
		}
		reasons.forEach((reason, count) -> text.append("  ").append(reason).append(": ").append(count).append('\n'));
		if (!detail.events().isEmpty()) {
			text.append("\nDocuments:\n");
			List<String[]> documents = new ArrayList<>();
			documents.add(new String[] { "CONTENT TYPE", "DOCUMENT", "EVENT", "REASON CODE", "IMAGE KEY", "REASON" });
			List<Event> shown = detail.events().subList(0, Math.min(MAX_EVENTS, detail.events().size()));
			shown.forEach((e) -> documents.add(new String[] { e.contentType(), e.documentId(), e.event(),
					e.reasonCode(), text(e.imageKey()), e.reason() }));
			text.append(indent(TextTable.of(documents)));
			if (detail.eventCount() > shown.size()) {
				text.append("  ... and ")
					.append(detail.eventCount() - shown.size())
					.append(" more (purge_document_event)\n");
			}
		}

		List<String> failures = failures(detail);
		text.append("\nFailures:\n");
		if (failures.isEmpty()) {
			text.append("  (none)\n");
		}
		failures.forEach((failure) -> text.append("  ").append(failure).append('\n'));
		return text.toString();
	}

	/** Where a running execution is: its steps, its pace and its last chunk. */
	private static String progress(ExecutionSummary execution, Progress progress) {
		Summary totals = execution.totals();
		String would = execution.dryRun() ? "would purge " : "purged ";
		return (progress.steps().isEmpty() ? "between steps" : "running " + String.join(", ", progress.steps())) + "; "
				+ n(totals.get(DOCUMENTS_READ)) + " documents read ("
				+ String.format(Locale.ROOT, "%.1f", progress.documentsPerSecond()) + "/s), " + would
				+ n(totals.get(DOCUMENTS_PURGED)) + ", " + n(totals.get(S3_REQUESTS)) + " S3 requests; last chunk "
				+ ((progress.lastChunkAt() != null) ? time(progress.lastChunkAt()) : "none yet");
	}

	/**
	 * One line each: why the execution did not complete (unless it did), then the cause
	 * of each failed step. The API's {@link ExecutionDetail#failures()} keeps every line
	 * and leaves out the steps the execution's exit description names.
	 */
	static List<String> failures(ExecutionDetail detail) {
		List<String> failures = new ArrayList<>();
		ExecutionSummary execution = detail.execution();
		if (!execution.status().equals("COMPLETED") && !execution.exitDescription().isEmpty()) {
			failures.add(firstLine(execution.exitDescription()));
		}
		for (Step step : detail.steps()) {
			if (step.status().equals("FAILED") && !step.exitDescription().isEmpty()) {
				failures.add(step.name() + ": " + firstLine(ExitMessages.cause(step.exitDescription())));
			}
		}
		return failures;
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 300) ? line.substring(0, 299) + "…" : line;
	}

	/** A counter's column in the table of run summaries, for a real run or a dry one. */
	private static String header(SummaryCounter counter, boolean dryRun) {
		return switch (counter) {
			case DOCUMENTS_READ -> "READ";
			case DOCUMENTS_PURGED -> dryRun ? "WOULD PURGE" : "PURGED";
			case DOCUMENTS_SKIPPED -> "SKIPPED";
			case DOCUMENTS_BLOCKED -> "BLOCKED";
			case DOCUMENTS_RESTORED -> "RESTORED";
			case DOCUMENTS_QUARANTINED -> "QUARANTINED";
			case IMAGES_DELETED -> dryRun ? "WOULD DELETE" : "IMAGES DELETED";
			case IMAGES_SHARED -> "SHARED";
			case IMAGES_EXTERNAL -> "EXTERNAL";
			case IMAGES_OTHER_BUCKET -> "OTHER BUCKET";
			case IMAGES_ALREADY_ABSENT -> "ALREADY ABSENT";
			case IMAGES_FAILED -> "FAILED";
			case S3_REQUESTS -> "S3 REQUESTS";
		};
	}

	private static boolean isRunning(String status) {
		return List.of("STARTING", "STARTED", "STOPPING").contains(status);
	}

	private static String contentTypes(ExecutionSummary execution) {
		return execution.contentTypes().isEmpty() ? "all" : String.join(",", execution.contentTypes());
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

}
