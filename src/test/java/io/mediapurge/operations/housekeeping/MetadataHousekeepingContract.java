package io.mediapurge.operations.housekeeping;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.Launches.whenLeaseFree;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.support.ApplicationTestSupport;

/**
 * Metadata housekeeping over real runs of the job whose times are moved into the past,
 * run on each job repository by a subclass
 * ({@link MetadataHousekeepingH2IntegrationTests},
 * {@link MetadataHousekeepingPostgresIntegrationTests}). The default retention (90 days)
 * applies.
 */
abstract class MetadataHousekeepingContract extends ApplicationTestSupport {

	@Autowired
	MetadataHousekeeping housekeeping;

	@Test
	void prunesWholeInstancesOlderThanTheRetentionAndKeepsTheRunningAndTheLastExecution() {
		JobExecution old = runWithRecords();
		JobExecution failedLongAgo = failingRun();
		JobExecution restartedLongAgo = whenLeaseFree(() -> this.launcher.restart(failedLongAgo.getId()));
		JobExecution failedLongAgoRestartedRecently = failingRun();
		JobExecution restartedRecently = whenLeaseFree(
				() -> this.launcher.restart(failedLongAgoRestartedRecently.getId()));
		JobExecution leftRunning = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery")));
		JobExecution recent = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery")));
		JobExecution last = whenLeaseFree(() -> this.launcher.run(true, Set.of("gallery")));
		List.of(old, failedLongAgo, restartedLongAgo, failedLongAgoRestartedRecently, leftRunning, last)
			.forEach((execution) -> moveBack(execution, 120));
		moveBack(recent, 30);
		// a process killed long ago left this one STARTED; it must be recovered first
		this.jdbc.update(
				"UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?",
				leftRunning.getId());
		assertThat(rows("purge_step_summary", old)).isPositive();
		assertThat(rows("purge_document_event", old)).isPositive();
		assertThat(rows("purge_deleted_image", old)).isPositive();

		PruneResult result = this.housekeeping.prune();

		assertThat(result.jobInstances()).isEqualTo(2);
		assertThat(result.jobExecutions()).isEqualTo(3);
		for (JobExecution pruned : List.of(old, failedLongAgo, restartedLongAgo)) {
			assertThat(remains(pruned)).as("execution %d", pruned.getId()).isFalse();
		}
		for (JobExecution kept : List.of(failedLongAgoRestartedRecently, restartedRecently, leftRunning, recent,
				last)) {
			assertThat(remains(kept)).as("execution %d", kept.getId()).isTrue();
		}
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (?, ?)",
				old.getJobInstance().getId(), failedLongAgo.getJobInstance().getId()))
			.isZero();
		assertThat(this.housekeeping.prune().jobExecutions()).isZero();
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED' WHERE JOB_EXECUTION_ID = ?",
				leftRunning.getId());
	}

	@Test
	void nothingWithinTheRetentionIsPruned() {
		JobExecution first = runWithRecords();
		JobExecution second = whenLeaseFree(() -> this.launcher.run(true, Set.of()));
		moveBack(first, 89);

		this.housekeeping.prune();

		assertThat(remains(first)).isTrue();
		assertThat(remains(second)).isTrue();
	}

	/** A real run that leaves a summary, a skipped document's event and a deleted key. */
	private JobExecution runWithRecords() {
		this.s3.put("galleries/g1/1.jpg");
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", s3Url("galleries/g1/1.jpg"))),
					due(new Document("gallery_id", "g-bad").append("images", cdnUrl("galleries/bad.jpg")))));
		try {
			return whenLeaseFree(() -> this.launcher.run(false, Set.of("gallery")));
		}
		finally {
			this.mongo.getCollection("galleries").deleteMany(new Document());
		}
	}

	private JobExecution failingRun() {
		this.s3.put("galleries/f/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g-fail", s3Url("galleries/f/1.jpg"))));
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		JobExecution failed = whenLeaseFree(() -> this.launcher.run(false, Set.of("gallery")));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		return failed;
	}

	/** Moves an execution's times and those of its steps some days into the past. */
	private void moveBack(JobExecution execution, int days) {
		Timestamp then = Timestamp.valueOf(LocalDateTime.now().minusDays(days));
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ?, "
				+ "LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?", then, then, then, then, execution.getId());
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ?, "
				+ "LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?", then, then, then, then, execution.getId());
	}

	private boolean remains(JobExecution execution) {
		long id = execution.getId();
		long left = count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", id)
				+ count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?", id)
				+ count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?", id)
				+ count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?", id)
				+ count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT C JOIN BATCH_STEP_EXECUTION S "
						+ "ON S.STEP_EXECUTION_ID = C.STEP_EXECUTION_ID WHERE S.JOB_EXECUTION_ID = ?", id)
				+ rows("purge_step_summary", execution) + rows("purge_document_event", execution)
				+ rows("purge_deleted_image", execution);
		boolean complete = count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", id) == 1
				&& count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?", id) > 0
				&& rows("purge_step_summary", execution) > 0;
		assertThat(left == 0 || complete).as("execution %d is either all there or all gone", id).isTrue();
		return left > 0;
	}

	private long rows(String table, JobExecution execution) {
		return count("SELECT COUNT(*) FROM " + table + " WHERE job_execution_id = ?", execution.getId());
	}

	private long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

}
