package io.mediapurge.purge;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The backs of one step execution's chunks (S3 deletes, hard deletes, journal, blocks)
 * still running while the step reads, resolves and claims the next chunk
 * ({@code media-purge.s3.delete.max-chunks-in-flight}). The chunk whose front the step is
 * working on counts as one of them, so at most {@code max - 1} backs run at once, each on
 * a thread of this step execution's own, and with the default of 1 none does: the writer
 * then does all of a chunk on the step's thread, as it always has.
 *
 * <p>
 * The writer waits for a permit before it hands a back over. A back that fails after the
 * step's retry policy (the one Spring Batch applies to a chunk's write) is remembered:
 * the next hand-over, and the step's end ({@link #drain}), fail the step. Its documents
 * stay claimed and flagged, and so do those of every chunk claimed after it, so a restart
 * finds them all. The step's end waits for every back, so no back of this execution runs
 * once its step has ended.
 */
final class ChunksInFlight {

	private static final Logger logger = LoggerFactory.getLogger(ChunksInFlight.class);

	/** Every chunk written whole on the step's thread. */
	static final ChunksInFlight SYNCHRONOUS = new ChunksInFlight(1, "synchronous", RetryPolicy.withMaxRetries(0));

	private final int backs;

	private final String name;

	private final RetryTemplate retry;

	private final Semaphore permits;

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private @Nullable ExecutorService executor;

	/**
	 * @param maxChunksInFlight chunks written at once: the one being claimed plus the
	 * backs still running (1: none)
	 * @param name the content type, for the threads' names
	 * @param retryPolicy the policy of a back's transient failures: the step's own
	 */
	ChunksInFlight(int maxChunksInFlight, String name, RetryPolicy retryPolicy) {
		this.backs = Math.max(0, maxChunksInFlight - 1);
		this.name = name;
		this.retry = new RetryTemplate(retryPolicy);
		this.permits = new Semaphore(this.backs);
	}

	/**
	 * @return whether chunks are split into a front on the step's thread and a back on
	 * another
	 */
	boolean overlapped() {
		return this.backs > 0;
	}

	/**
	 * Fails the current chunk when an earlier back failed: its exception is neither
	 * retried nor skipped, so the step fails.
	 */
	void checkFailed() {
		Throwable failed = this.failure.get();
		if (failed != null) {
			throw new BackFailedException(this.name, failed);
		}
	}

	/**
	 * Waits until fewer than {@code max - 1} backs run, then starts this one.
	 * @param back a chunk's back: idempotent, since a transient failure runs it again
	 */
	void handOver(Runnable back) {
		checkFailed();
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a chunk's deletes", ex);
		}
		// the back just waited for may be the one that failed
		Throwable failed = this.failure.get();
		if (failed != null) {
			this.permits.release();
			throw new BackFailedException(this.name, failed);
		}
		try {
			executor().execute(() -> {
				try {
					this.retry.execute(() -> {
						back.run();
						return null;
					});
				}
				catch (RetryException ex) {
					failed((ex.getLastException() != null) ? ex.getLastException() : ex);
				}
				catch (RuntimeException | Error ex) {
					failed(ex);
				}
				finally {
					this.permits.release();
				}
			});
		}
		catch (RuntimeException | Error ex) {
			// no thread took the back (none could be started): the chunk's documents
			// stay claimed for a restart, and the step's end must not wait for it
			this.permits.release();
			throw ex;
		}
	}

	private void failed(Throwable cause) {
		logger.error("{}: a chunk's deletes failed; its documents stay claimed and flagged for a restart", this.name,
				cause);
		this.failure.compareAndSet(null, cause);
	}

	/**
	 * At the step's end, whatever its outcome: waits for every back, and fails a step
	 * that would otherwise complete when one of them failed.
	 * @param stepExecution the step's execution
	 * @return the exit status to add, or {@code null}
	 */
	@Nullable ExitStatus drain(StepExecution stepExecution) {
		if (!overlapped()) {
			return null;
		}
		this.permits.acquireUninterruptibly(this.backs);
		this.permits.release(this.backs);
		if (this.executor != null) {
			this.executor.shutdown();
			this.executor = null;
		}
		Throwable failed = this.failure.get();
		if (failed == null) {
			return null;
		}
		BackFailedException exception = new BackFailedException(this.name, failed);
		if (!stepExecution.getFailureExceptions().stream().anyMatch(BackFailedException.class::isInstance)) {
			stepExecution.addFailureException(exception);
		}
		if (stepExecution.getStatus() == BatchStatus.STOPPED) {
			// asked to stop: the step stays stopped, and restartable all the same
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		return ExitStatus.FAILED.addExitDescription(exception);
	}

	private synchronized ExecutorService executor() {
		if (this.executor == null) {
			AtomicInteger count = new AtomicInteger();
			ThreadFactory threads = runnable -> {
				Thread thread = new Thread(runnable, "purge-back-" + this.name + "-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
			this.executor = Executors.newFixedThreadPool(this.backs, threads);
		}
		return this.executor;
	}

	/**
	 * A back of an earlier chunk failed: the step fails, and its claimed documents are
	 * left for a restart.
	 */
	static final class BackFailedException extends RuntimeException {

		BackFailedException(String contentType, Throwable cause) {
			super(contentType + ": the deletes of an earlier chunk failed (" + cause.getMessage()
					+ "); its documents, and those claimed after it, stay claimed and flagged for a restart", cause);
		}

	}

}
