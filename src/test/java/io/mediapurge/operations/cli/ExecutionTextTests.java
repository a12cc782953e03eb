package io.mediapurge.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mediapurge.operations.executions.ExecutionDetail.Event;
import io.mediapurge.operations.executions.ExecutionDetail.ReasonCount;
import io.mediapurge.operations.executions.ExecutionDetail.Step;
import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.executions.ExecutionSummary;
import io.mediapurge.operations.executions.Progress;
import io.mediapurge.operations.executions.Summary;
import io.mediapurge.purge.SummaryCounter;

/**
 * The command line's text of the read model's records, for the cases a real run rarely
 * produces: steps without a run summary, more events than are listed, quarantined and
 * restored documents, failures over several lines.
 */
class ExecutionTextTests {

	static final Instant START = Instant.parse("2025-06-02T02:00:00Z");

	@Test
	void listPrintsOneRowPerExecutionWithItsTotals() {
		Summary totals = summary(9, 5, 1, 2, 0, 0, 7, 0, 0, 0, 0, 0, 1);

		String text = ExecutionText
			.list(List.of(execution(12, "STARTED", "UNKNOWN", "", null, true, "article,gallery", totals),
					execution(11, "COMPLETED", "COMPLETED", "", START.plusSeconds(3723), false, "", Summary.EMPTY)));

		// a dry run's figures are what a real run would do; every time names its zone
		assertThat(text).startsWith("ID  STATUS     EXIT CODE  STARTED ")
			.containsPattern(
					"\n12  STARTED +UNKNOWN +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ +\\d+h \\d+m \\(so far\\) +yes "
							+ "+article,gallery +would 5 +would 7 +1 +2\n")
			.containsPattern("\n11  COMPLETED +COMPLETED +\\S+ \\S+ \\S+ +1h 2m +no +all +0 +0 +0 +0\n");
		assertThat(ExecutionText.list(List.of())).isEqualTo("No executions of mediaPurgeJob yet.\n");
	}

	@Test
	void showPrintsTheRunSummariesRecordedSoFarByContentType() {
		Summary gallery = summary(3, 1, 1, 1, 0, 0, 2, 0, 0, 4, 0, 1, 1);
		ExecutionDetail detail = detail(execution(7, "STARTED", "UNKNOWN", "", null, false, "", gallery),
				List.of(step("gallery", "COMPLETED", "", START.plusSeconds(65), true, gallery),
						step("article", "STARTED", "", null, false, Summary.EMPTY)),
				List.of(), 0, List.of());

		String text = ExecutionText.show(detail, List.of());

		assertThat(text).contains("Execution 7 of mediaPurgeJob (instance 6)\n")
			.containsPattern("  dry run: +no\n")
			.containsPattern("  started: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+\n")
			.doesNotContain("  plan:")
			.containsPattern("  launched at: +2025-06-02T01:59:59.500Z\n")
			.containsPattern("  actions: +none\n")
			.containsPattern("\n  purge-gallery +COMPLETED +COMPLETED +3 +2 +1 +4 +1 +1m 5s\n")
			.containsPattern("\n  purge-article +STARTED +COMPLETED +3 +2 +1 +4 +1 +\\d+h \\d+m \\(so far\\)\n")
			// another bucket's URLs have their own column beside the external ones
			.containsPattern("CONTENT TYPE +READ +PURGED .* SHARED +EXTERNAL +OTHER BUCKET +ALREADY ABSENT ")
			.containsPattern("\n  gallery +3 +1 +1 +1 +0 +0 +2 +0 +0 +4 +0 +1 +1\n")
			// the running step counts so far
			.containsPattern("\n  article +0 +0 +0")
			.contains("Skip and block reasons:\n  (none)\n")
			.doesNotContain("Documents:")
			.endsWith("Failures:\n  (none)\n");
		assertThat(ExecutionText.show(
				detail(execution(8, "FAILED", "FAILED", "", null, false, "", Summary.EMPTY),
						List.of(step("article", "FAILED", "", null, false, Summary.EMPTY)), List.of(), 0, List.of()),
				List.of()))
			.contains("Per content type (run summary):\n  (none recorded)\n");
	}

	@Test
	void aDryRunSaysWhatWouldHappenMarksWhatWasNotAskedForAndPointsToItsPlan() {
		Summary gallery = summary(2, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
		ExecutionDetail detail = detail(
				execution(21, "COMPLETED", "COMPLETED", "", START.plusSeconds(4), true, "gallery", gallery),
				List.of(notSelected("article"), step("gallery", "COMPLETED", "", START.plusSeconds(4), true, gallery)),
				List.of(), 0, List.of());

		String text = ExecutionText.show(detail, List.of());

		assertThat(text)
			.containsPattern("  dry run: +yes: nothing was deleted, the counts say what a real run would do\n")
			.containsPattern("  plan: +executions plan 21 \\[format=json\\|csv\\]\n")
			.containsPattern("\n  purge-article +not run \\(not selected\\)\n")
			.contains("Per content type (run summary, what a real run would do):\n")
			.containsPattern("CONTENT TYPE +READ +WOULD PURGE +SKIPPED .* WOULD DELETE ")
			.doesNotContainPattern(" PURGED | IMAGES DELETED ")
			.containsPattern("\n  gallery +2 +2 +0 +0 +0 +0 +3 ")
			.doesNotContainPattern("\n  article +\\d");
	}

	@Test
	void aRunningExecutionShowsWhereItIsAndItsPace() {
		Summary soFar = summary(120, 100, 1, 0, 0, 0, 180, 5, 0, 0, 0, 0, 40);
		ExecutionSummary running = new ExecutionSummary(30, 29, "STARTED", "UNKNOWN", "", START, null, 60L, false,
				List.of(), START, soFar, new Progress(List.of("gallery"), 2.0, START.plusSeconds(58)));

		String text = ExecutionText.show(
				detail(running, List.of(step("gallery", "STARTED", "", null, false, soFar)), List.of(), 0, List.of()),
				List.of("stop"));

		assertThat(text)
			.containsPattern("  progress: +running gallery; 120 documents read \\(2\\.0/s\\), purged 100, "
					+ "40 S3 requests; last chunk \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+\n")
			.contains("Per content type (run summary), so far:\n")
			.containsPattern("\n  gallery +120 +100 +1 ");
	}

	@Test
	void showCountsEveryEventByReasonAndListsTheFirstFifty() {
		List<Event> events = IntStream.range(0, 1000)
			.mapToObj(i -> new Event("gallery", "g" + i, "SKIPPED", "not-an-array", "'images' must be an array", null,
					START))
			.toList();
		ExecutionDetail detail = detail(
				execution(9, "COMPLETED", "COMPLETED_WITH_ISSUES", "", START.plusSeconds(1), false, "", Summary.EMPTY),
				List.of(), events, 1503,
				List.of(new ReasonCount("article", "RESTORED", "restored", 1),
						new ReasonCount("gallery", "BLOCKED", "s3-AccessDenied", 1),
						new ReasonCount("gallery", "QUARANTINED", "s3-AccessDenied", 1),
						new ReasonCount("gallery", "SKIPPED", "not-an-array", 1500)));

		String text = ExecutionText.show(detail, List.of());

		assertThat(text)
			.contains("Skip and block reasons:\n  article RESTORED restored: 1\n"
					+ "  gallery BLOCKED s3-AccessDenied: 1\n  gallery QUARANTINED s3-AccessDenied: 1\n"
					+ "  gallery SKIPPED not-an-array: 1500\n\nDocuments:\n")
			.containsPattern("\n  gallery +g49 +SKIPPED +not-an-array +'images' must be an array\n"
					+ "  \\.\\.\\. and 1453 more \\(purge_document_event\\)\n")
			.doesNotContain("g50 ");
	}

	@Test
	void showPrintsEachFailureOnOneLine() {
		String wrapped = """
				org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
				Caused by: org.springframework.core.retry.RetryException: retries exhausted
				Caused by: io.mediapurge.imagestore.ImageStoreUnavailableException: S3 refused DeleteObjects
				Caused by: software.amazon.awssdk.services.s3.model.S3Exception: Access Denied""";
		String onlyWrappers = "org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk";
		ExecutionDetail failed = detail(
				execution(10, "ABANDONED", "FAILED", "Failed content types: [purge-gallery (...)]\nsecond line",
						START.plusSeconds(2), false, "", Summary.EMPTY),
				List.of(step("gallery", "FAILED", wrapped, START.plusSeconds(2), true, Summary.EMPTY),
						step("article", "FAILED", onlyWrappers, START.plusSeconds(2), true, Summary.EMPTY),
						step("ott-release", "COMPLETED", "", START.plusSeconds(2), true, Summary.EMPTY)),
				List.of(), 0, List.of());

		assertThat(ExecutionText.show(failed, List.of()))
			.endsWith("Failures:\n  Failed content types: [purge-gallery (...)]\n"
					+ "  purge-gallery: io.mediapurge.imagestore.ImageStoreUnavailableException: S3 refused DeleteObjects\n"
					+ "  purge-article: " + onlyWrappers + "\n");
		assertThat(
				ExecutionText.show(
						detail(execution(11, "COMPLETED", "COMPLETED_WITH_ISSUES", "x".repeat(400),
								START.plusSeconds(2), false, "", Summary.EMPTY), List.of(), List.of(), 0, List.of()),
						List.of()))
			.endsWith("Failures:\n  (none)\n");
		assertThat(ExecutionText.show(detail(
				execution(12, "FAILED", "FAILED", "x".repeat(400), START.plusSeconds(2), false, "", Summary.EMPTY),
				List.of(), List.of(), 0, List.of()), List.of()))
			.endsWith("Failures:\n  " + "x".repeat(299) + "…\n");
	}

	private static ExecutionSummary execution(long id, String status, String exitCode, String exitDescription,
			Instant end, boolean dryRun, String contentTypes, Summary totals) {
		return new ExecutionSummary(id, id - 1, status, exitCode, exitDescription, START, end, null, dryRun,
				contentTypes.isEmpty() ? List.of() : List.of(contentTypes.split(",")), START.minusMillis(500), totals,
				null);
	}

	private static Step step(String contentType, String status, String exitDescription, Instant end,
			boolean summaryRecorded, Summary summary) {
		return new Step("purge-" + contentType, contentType, status, "COMPLETED", exitDescription, 3, 2, 1, 4, 1, START,
				end, summaryRecorded, summary, true);
	}

	/** A step of a content type the run was not asked for: it completed at once. */
	private static Step notSelected(String contentType) {
		return new Step("purge-" + contentType, contentType, "COMPLETED", "COMPLETED", "", 0, 0, 0, 1, 0, START, START,
				true, Summary.EMPTY, false);
	}

	private static ExecutionDetail detail(ExecutionSummary execution, List<Step> steps, List<Event> events,
			long eventCount, List<ReasonCount> eventsByReason) {
		return new ExecutionDetail(execution, steps, events, eventCount, eventsByReason, List.of());
	}

	/** A summary with the counters given in {@link SummaryCounter}'s order. */
	private static Summary summary(long... counts) {
		Map<SummaryCounter, Long> byCounter = new EnumMap<>(SummaryCounter.class);
		for (SummaryCounter counter : SummaryCounter.values()) {
			byCounter.put(counter, counts[counter.ordinal()]);
		}
		return new Summary(byCounter, Map.of(), Map.of());
	}

}
