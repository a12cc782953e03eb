package io.mediapurge.operations.executions;

import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_BLOCKED;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_PURGED;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_READ;
import static io.mediapurge.purge.SummaryCounter.DOCUMENTS_SKIPPED;
import static io.mediapurge.purge.SummaryCounter.IMAGES_DELETED;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.Launches.whenLeaseFree;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.support.ApplicationTestSupport;

/**
 * The read model's queries over real runs of the job, run on each job repository by a
 * subclass ({@link ExecutionQueriesH2IntegrationTests},
 * {@link ExecutionQueriesPostgresIntegrationTests}).
 */
abstract class ExecutionQueriesContract extends ApplicationTestSupport {

	@Autowired
	ExecutionQueries queries;

	@Autowired
	JobLease lease;

	@Test
	void listsARunWithItsStatusParametersTotalsAndReasons() {
		JobExecution run = runWithIssues();

		ExecutionSummary listed = this.queries.recent(50)
			.stream()
			.filter((execution) -> execution.id() == run.getId())
			.findFirst()
			.orElseThrow();

		assertThat(listed.instanceId()).isEqualTo(run.getJobInstance().getId());
		assertThat(listed.status()).isEqualTo("COMPLETED");
		assertThat(listed.exitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
		assertThat(listed.exitDescription()).contains("purge_document_event");
		assertThat(listed.dryRun()).isFalse();
		assertThat(listed.contentTypes()).isEmpty();
		assertThat(listed.startTime()).isNotNull();
		assertThat(listed.endTime()).isAfterOrEqualTo(listed.startTime());
		assertThat(listed.durationSeconds()).isNotNull().isNotNegative();
		assertThat(listed.launchedAt()).isNotNull().isBeforeOrEqualTo(listed.startTime());
		Summary totals = listed.totals();
		assertThat(totals.get(DOCUMENTS_READ)).isEqualTo(3);
		assertThat(totals.get(DOCUMENTS_PURGED)).isEqualTo(1);
		assertThat(totals.get(DOCUMENTS_SKIPPED)).isEqualTo(1);
		assertThat(totals.get(DOCUMENTS_BLOCKED)).isEqualTo(1);
		assertThat(totals.get(IMAGES_DELETED)).isEqualTo(2);
		assertThat(totals.skipReasons()).containsExactly(Map.entry("not-an-array", 1L));
		assertThat(totals.blockReasons()).containsExactly(Map.entry("s3-AccessDenied", 1L));
	}

	@Test
	void listsTheNewestFirstUpToTheLimitWithTheirParameters() {
		JobExecution first = whenLeaseFree(() -> this.launcher.run(false, Set.of()));
		JobExecution second = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery", "article")));

		List<ExecutionSummary> recent = this.queries.recent(2);

		assertThat(recent).extracting(ExecutionSummary::id).containsExactly(second.getId(), first.getId());
		assertThat(recent.get(0).dryRun()).isTrue();
		assertThat(recent.get(0).contentTypes()).containsExactly("article", "gallery");
		assertThat(recent.get(1).dryRun()).isFalse();
		assertThat(this.queries.recent(1)).hasSize(1);
	}

	@Test
	void showsARunWithItsStepsAndTheDocumentsThatNeedAPerson() {
		JobExecution run = runWithIssues();

		ExecutionDetail detail = this.queries.find(run.getId()).orElseThrow();

		assertThat(detail.execution().totals().get(DOCUMENTS_PURGED)).isEqualTo(1);
		assertThat(detail.steps()).extracting(ExecutionDetail.Step::contentType)
			.containsExactly("article", "gallery", "ott-release", "theater-release", "shared-images");
		ExecutionDetail.Step galleries = detail.steps().get(1);
		assertThat(galleries.name()).isEqualTo("purge-gallery");
		assertThat(galleries.status()).isEqualTo("COMPLETED");
		assertThat(galleries.readCount()).isEqualTo(3);
		assertThat(galleries.skipCount()).isEqualTo(1);
		assertThat(galleries.commitCount()).isPositive();
		assertThat(galleries.startTime()).isNotNull();
		assertThat(galleries.summaryRecorded()).isTrue();
		assertThat(galleries.summary().get(DOCUMENTS_PURGED)).isEqualTo(1);
		assertThat(galleries.summary().get(IMAGES_DELETED)).isEqualTo(2);
		assertThat(galleries.summary().skipReasons()).containsOnlyKeys("not-an-array");
		assertThat(detail.steps().get(0).summary()).isEqualTo(Summary.EMPTY);
		assertThat(detail.events())
			.extracting(ExecutionDetail.Event::documentId, ExecutionDetail.Event::event,
					ExecutionDetail.Event::reasonCode)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("g-bad", "SKIPPED", "not-an-array"),
					org.assertj.core.groups.Tuple.tuple("g-held", "BLOCKED", "s3-AccessDenied"));
		assertThat(detail.events()).allSatisfy((event) -> {
			assertThat(event.contentType()).isEqualTo("gallery");
			assertThat(event.occurredAt()).isNotNull();
		});
		assertThat(detail.eventCount()).isEqualTo(2);
		assertThat(detail.eventsByReason()).containsExactly(
				new ExecutionDetail.ReasonCount("gallery", "BLOCKED", "s3-AccessDenied", 1),
				new ExecutionDetail.ReasonCount("gallery", "SKIPPED", "not-an-array", 1));
		assertThat(detail.failures()).isEmpty();
		assertThat(this.control.actions(run.getId())).isEmpty();
	}

	@Test
	void aFailedRunShowsWhyAndCanBeRestartedUntilItIsRestarted() {
		this.s3.put("galleries/g1/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g1", s3Url("galleries/g1/1.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		JobExecution failed = whenLeaseFree(() -> this.launcher.run(false, Set.of("gallery")));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		ExecutionDetail detail = this.queries.find(failed.getId()).orElseThrow();

		assertThat(detail.execution().status()).isEqualTo("FAILED");
		assertThat(this.control.actions(failed.getId())).containsExactly("restart", "abandon");
		assertThat(detail.failures()).singleElement()
			.satisfies((failure) -> assertThat(failure).contains("purge-gallery")
				.contains("S3 refused DeleteObjects")
				.doesNotContain("\tat "));
		assertThat(detail.steps()).filteredOn((step) -> step.status().equals("FAILED"))
			.singleElement()
			.satisfies((step) -> assertThat(step.exitDescription()).isNotEmpty().doesNotContain("\tat "));

		JobExecution restarted = whenLeaseFree(() -> this.launcher.restart(failed.getId()));

		assertThat(this.control.actions(failed.getId())).containsExactly("abandon");
		ExecutionDetail after = this.queries.find(restarted.getId()).orElseThrow();
		assertThat(after.execution().instanceId()).isEqualTo(failed.getJobInstance().getId());
		assertThat(after.execution().status()).isEqualTo("COMPLETED");
		assertThat(after.steps()).extracting(ExecutionDetail.Step::name)
			.containsExactly("purge-gallery", "shared-images");
		assertThat(after.execution().totals().get(IMAGES_DELETED)).isEqualTo(1);
	}

	@Test
	void countsWhatAStepWithoutARecordedSummaryHadDoneAfterItsLastChunk() {
		this.s3.put("galleries/so-far/1.jpg", "galleries/so-far/2.jpg");
		this.mongo.getCollection("galleries")
			.insertOne(due(gallery("g-so-far", s3Url("galleries/so-far/1.jpg"), cdnUrl("galleries/so-far/2.jpg"))));
		JobExecution run = whenLeaseFree(() -> this.launcher.run(false, Set.of("gallery")));
		// as while the step runs, or when the process running it was killed: only its
		// execution context, saved with each chunk, has counted
		this.jdbc.update("DELETE FROM purge_step_summary WHERE job_execution_id = ?", run.getId());

		ExecutionDetail detail = this.queries.find(run.getId()).orElseThrow();

		assertThat(detail.steps()).isNotEmpty().allSatisfy((step) -> assertThat(step.summaryRecorded()).isFalse());
		ExecutionDetail.Step galleries = detail.steps()
			.stream()
			.filter((step) -> step.contentType().equals("gallery"))
			.findFirst()
			.orElseThrow();
		assertThat(galleries.selected()).isTrue();
		assertThat(galleries.summary().get(DOCUMENTS_READ)).isEqualTo(galleries.readCount()).isEqualTo(1);
		assertThat(galleries.summary().get(DOCUMENTS_PURGED)).isEqualTo(1);
		assertThat(galleries.summary().get(IMAGES_DELETED)).isEqualTo(2);
		assertThat(detail.steps()).filteredOn((step) -> !step.contentType().equals("gallery"))
			.allSatisfy((step) -> assertThat(step.selected()).isFalse());
		assertThat(detail.execution().totals().get(IMAGES_DELETED)).isEqualTo(2);
		assertThat(detail.execution().progress()).isNull();
	}

	@Test
	void aRunningExecutionSaysWhichStepsRunAndItsPace() {
		this.s3.put("galleries/pace/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g-pace", s3Url("galleries/pace/1.jpg"))));
		JobExecution run = whenLeaseFree(() -> this.launcher.run(false, Set.of("gallery")));
		this.jdbc.update("DELETE FROM purge_step_summary WHERE job_execution_id = ?", run.getId());
		try {
			setStatus(run.getId(), "STARTED");
			this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED' WHERE JOB_EXECUTION_ID = ? "
					+ "AND STEP_NAME = 'purge-gallery'", run.getId());

			ExecutionSummary running = this.queries.recent(1).get(0);

			assertThat(running.id()).isEqualTo(run.getId());
			assertThat(running.totals().get(DOCUMENTS_PURGED)).isEqualTo(1);
			assertThat(running.progress()).isNotNull();
			assertThat(running.progress().steps()).containsExactly("gallery");
			assertThat(running.progress().documentsPerSecond()).isPositive();
			assertThat(running.progress().lastChunkAt()).isNotNull();
		}
		finally {
			setStatus(run.getId(), "COMPLETED");
			this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'COMPLETED' WHERE JOB_EXECUTION_ID = ?",
					run.getId());
		}
	}

	@Test
	void offersStopWhileALiveProcessHoldsTheLeaseAndRecoverOnceNoneDoes() {
		JobExecution run = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery")));
		try {
			setStatus(run.getId(), "STARTED");
			assertThat(this.control.actions(run.getId())).containsExactly("recover");
			setStatus(run.getId(), "STOPPING");
			assertThat(this.control.actions(run.getId())).containsExactly("recover");
			try (HeldLease held = this.lease.acquire("test")) {
				assertThat(this.control.actions(run.getId())).isEmpty();
				setStatus(run.getId(), "STARTED");
				assertThat(this.control.actions(run.getId())).containsExactly("stop");
			}
		}
		finally {
			setStatus(run.getId(), "COMPLETED");
		}
	}

	@Test
	void theTrendSumsRealRunsByTheDayTheyStartedAndIgnoresDryRuns() {
		LocalDate today = LocalDate.now();
		TrendPoint before = this.queries.trend(1).get(0);
		runWithIssues();
		this.s3.put("galleries/dry/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g-dry", s3Url("galleries/dry/1.jpg"))));
		whenLeaseFree(() -> this.launcher.run(true, Set.of()));
		JobExecution older = whenLeaseFree(() -> this.launcher.run(false, Set.of()));
		LocalDateTime threeDaysAgo = LocalDateTime.now().minusDays(3);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET START_TIME = ? WHERE JOB_EXECUTION_ID = ?",
				Timestamp.valueOf(threeDaysAgo), older.getId());

		List<TrendPoint> trend = this.queries.trend(5);

		assertThat(trend).extracting(TrendPoint::date)
			.containsExactly(today.minusDays(4), today.minusDays(3), today.minusDays(2), today.minusDays(1), today);
		TrendPoint now = trend.get(4);
		assertThat(now.imagesDeleted() - before.imagesDeleted()).isEqualTo(2);
		assertThat(now.documentsPurged() - before.documentsPurged()).isEqualTo(1);
		// the older run purged the dry run's gallery for real
		assertThat(trend.get(1)).isEqualTo(new TrendPoint(today.minusDays(3), 1, 1));
		assertThat(trend.get(3)).isEqualTo(new TrendPoint(today.minusDays(1), 0, 0));
	}

	@Test
	void anUnknownExecutionIsNotFound() {
		JobExecution run = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery")));

		assertThat(this.queries.find(987_654_321L)).isEmpty();
		assertThat(this.queries.exists(987_654_321L)).isFalse();
		assertThat(this.queries.exists(run.getId())).isTrue();
	}

	/**
	 * A run of every content type: one gallery purged with its two images, one skipped
	 * (malformed), one blocked (S3 denies its key).
	 */
	JobExecution runWithIssues() {
		this.s3.put("galleries/ok/1.jpg", "galleries/ok/2.jpg", "galleries/held/1.jpg");
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("g-ok", s3Url("galleries/ok/1.jpg"), cdnUrl("galleries/ok/2.jpg"))),
					due(new Document("gallery_id", "g-bad").append("images", cdnUrl("galleries/bad.jpg"))),
					due(gallery("g-held", s3Url("galleries/held/1.jpg")))));
		this.s3.faults().denyKeys(Set.of("galleries/held/1.jpg"));
		try {
			JobExecution execution = whenLeaseFree(() -> this.launcher.run(false, Set.of()));
			assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED_WITH_ISSUES");
			return execution;
		}
		finally {
			this.s3.faults().denyKeys(Set.of());
			COLLECTIONS.forEach((collection) -> this.mongo.getCollection(collection).deleteMany(new Document()));
		}
	}

	private void setStatus(long executionId, String status) {
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = ? WHERE JOB_EXECUTION_ID = ?", status, executionId);
	}

}
