package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.TransientDataAccessResourceException;

import io.mediapurge.catalogue.MalformedDocumentException;
import io.mediapurge.references.ReferenceIndexBuilder;

/**
 * With chunks in flight, a chunk's back merges its counts into the step's summary on a
 * thread of its own while the step's thread reads the next chunk and counts its skips: no
 * count is lost, and no back fails over the summary.
 */
class OverlappedStepSummaryIntegrationTests extends GalleryWriterTestSupport {

	private static final int SKIPS = 20_000;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void skipsCountedOnTheStepsThreadWhileBacksMergeTheirChunksAreAllCounted() throws Exception {
		// the journal's rows are not the point here: only the counts
		PurgeJournal quietJournal = new PurgeJournal(this.jdbc, this.transactions, Clock.systemUTC()) {
			@Override
			void recordEvent(long jobExecutionId, long stepExecutionId, String contentType, String documentId,
					Event event, String reasonCode, String reason, @Nullable String key) {
			}
		};
		this.state = new PurgeStepState(this.galleries,
				new ReferenceIndexBuilder(this.mongo, this.catalogue, this.resolver), quietJournal, this.mongo);
		readAndProcess();
		AtomicBoolean skipping = new AtomicBoolean(true);
		AtomicLong chunks = new AtomicLong();
		ConcurrentLinkedQueue<Throwable> backFailures = new ConcurrentLinkedQueue<>();
		Thread back = new Thread(() -> {
			try {
				while (skipping.get()) {
					PurgeSummary chunk = new PurgeSummary();
					chunk.documentsPurged = 1;
					this.state.add(chunk);
					chunks.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				backFailures.add(ex);
			}
		}, "purge-back-gallery-test");
		back.start();
		Document malformed = new Document("_id", "g").append("gallery_id", "g");
		for (int i = 0; i < SKIPS; i++) {
			// a few reasons the summary has not met yet, the others met before
			String reason = (i % 1000 == 0) ? "reason-" + i : "deleted-at-not-a-date";
			this.state.onSkipInProcess(malformed, new MalformedDocumentException(reason, "malformed"));
		}
		skipping.set(false);
		back.join(30_000);
		this.state.add(new PurgeSummary());

		assertThat(backFailures).isEmpty();
		PurgeSummary summary = stepSummary();
		assertThat(summary.documentsSkipped()).isEqualTo(SKIPS);
		assertThat(summary.skipReasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(SKIPS);
		assertThat(summary.documentsPurged()).isEqualTo(chunks.get());
		assertThat(back.isAlive()).isFalse();
	}

	@Test
	void aFailedBackFailsTheStepEvenWhenTheStepsSummaryCannotBeSaved() throws Exception {
		PurgeJournal failingJournal = new PurgeJournal(this.jdbc, this.transactions, Clock.systemUTC()) {
			@Override
			void saveSummary(long jobExecutionId, long stepExecutionId, String contentType, boolean dryRun,
					PurgeSummary summary) {
				throw new TransientDataAccessResourceException("the job repository did not answer");
			}
		};
		ChunksInFlight inFlight = new ChunksInFlight(2, "gallery", RetryPolicy.withMaxRetries(0));
		this.state = new PurgeStepState(this.galleries,
				new ReferenceIndexBuilder(this.mongo, this.catalogue, this.resolver), failingJournal, this.mongo,
				PurgeProgressListeners.NONE, null, DeleteFence.NONE, inFlight);
		readAndProcess();
		inFlight.handOver(() -> {
			throw new IllegalStateException("S3 did not answer DeleteObjects");
		});
		this.stepExecution.setStatus(BatchStatus.COMPLETED);

		// Spring Batch logs an exception of afterStep and keeps the exit status it had
		ExitStatus exit = this.state.afterStep(this.stepExecution);

		assertThat(exit.getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
		assertThat(this.stepExecution.getStatus()).isEqualTo(BatchStatus.FAILED);
	}

}
