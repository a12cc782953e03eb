package io.mediapurge.purge;

import org.springframework.batch.core.job.JobExecution;

/**
 * Hears what the purge job did, for metrics and the like. Each callback carries only what
 * happened since the previous one, so a listener can add the counts up without ever
 * counting a chunk twice: {@link #chunkWritten} is called once a chunk's writes have
 * succeeded (a write that fails and is retried is reported once, by the attempt that
 * succeeded).
 *
 * <p>
 * Listeners are beans; a listener that throws is logged and ignored, it never fails a
 * run.
 */
public interface PurgeProgressListener {

	/**
	 * A content-type step has counted the references of every document (its snapshot of
	 * who shows which key) and is about to read its due documents.
	 * @param contentType the content type
	 * @param dryRun whether this is a dry run
	 */
	default void referencesCounted(String contentType, boolean dryRun) {
	}

	/**
	 * A chunk's writes succeeded.
	 * @param contentType the content type
	 * @param dryRun whether the counts say what would have happened
	 * @param chunk this chunk's counts only (its documents read are not counted)
	 */
	default void chunkWritten(String contentType, boolean dryRun, PurgeSummary chunk) {
	}

	/**
	 * A document was skipped (malformed or unreadable).
	 * @param contentType the content type
	 * @param dryRun whether this is a dry run
	 * @param reasonCode why
	 */
	default void documentSkipped(String contentType, boolean dryRun, String reasonCode) {
	}

	/**
	 * A content-type step of the run ended.
	 * @param contentType the content type
	 * @param dryRun whether this is a dry run
	 * @param step the step's whole summary, whose {@code documentsQuarantined} counts all
	 * documents of the content type now in quarantine
	 */
	default void stepEnded(String contentType, boolean dryRun, PurgeSummary step) {
	}

	/**
	 * The blast-radius guard refused a run before its first step; called once per content
	 * type with documents due.
	 * @param contentType the content type
	 * @param due its documents due
	 * @param collectionSize the size of its collection
	 */
	default void guardTripped(String contentType, long due, long collectionSize) {
	}

	/**
	 * A run ended, with its final status.
	 * @param execution the execution
	 * @param parameters its parameters
	 */
	default void jobEnded(JobExecution execution, MediaPurgeJobParameters parameters) {
	}

}
