package io.mediapurge.operations.launch;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;

import io.mediapurge.operations.lease.HeldLease;

/**
 * One start or restart of the job on a thread of its own, under the job's lease: the
 * lease is released when the execution ends, however it ends. At most one run's thread is
 * alive in a process ({@link RunningHere}). {@link #executionId()} is known once the
 * execution exists; {@link #await()} waits for it to end.
 */
final class LeasedRun {

	private static final Logger logger = LoggerFactory.getLogger(LeasedRun.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicInteger threads = new AtomicInteger();

	private final CompletableFuture<JobExecution> outcome = new CompletableFuture<>();

	private final HeldLease lease;

	/** Zero until the execution exists. */
	private volatile long executionId;

	/**
	 * Runs {@code work} on a new thread and returns once its execution exists.
	 * @param lease the job's lease, taken by the caller; released when the work ends, or
	 * here if the run is refused
	 * @param what what is launched, for messages ("run of mediaPurgeJob")
	 * @param refusal the message's start if the run is refused ("Refusing to start
	 * mediaPurgeJob")
	 * @param work starts or restarts the job and returns the finished execution
	 * @param lookup finds the new execution in the job repository once it exists
	 * @param onLeaseLost what to do with the execution if the lease is lost meanwhile
	 * @throws OperationRefusedException while another run's thread is alive in this
	 * process
	 */
	LeasedRun(HeldLease lease, String what, String refusal, Callable<JobExecution> work,
			Supplier<@Nullable JobExecution> lookup, Consumer<Long> onLeaseLost) {
		this.lease = lease;
		try {
			RunningHere.admit(this, refusal);
		}
		catch (RuntimeException ex) {
			lease.close();
			throw ex;
		}
		Thread thread = new Thread(() -> {
			@Nullable JobExecution ended = null;
			@Nullable Throwable failure = null;
			try {
				ended = work.call();
			}
			catch (Throwable ex) {
				logger.error("The {} failed: {}", what, ex.toString(), ex);
				failure = ex;
			}
			finally {
				// both before anyone waiting for the outcome goes on, so that a next
				// launch right after it is not refused
				RunningHere.left(this);
				lease.close();
			}
			if (failure != null) {
				this.outcome.completeExceptionally(failure);
			}
			else {
				this.outcome.complete(ended);
			}
		}, "purge-run-" + threads.incrementAndGet());
		try {
			thread.start();
		}
		catch (RuntimeException | Error ex) {
			RunningHere.left(this);
			lease.close();
			throw ex;
		}
		this.executionId = awaitExecution(what, lookup);
		lease.attach(this.executionId, () -> onLeaseLost.accept(this.executionId));
	}

	/**
	 * @return the lease the run holds
	 */
	HeldLease lease() {
		return this.lease;
	}

	/**
	 * @return the execution's id, zero until it exists
	 */
	long executionId() {
		return this.executionId;
	}

	/**
	 * @return whether the run's thread has not ended yet
	 */
	boolean isAlive() {
		return !this.outcome.isDone();
	}

	/**
	 * Waits for the run's thread to end, however it ends.
	 * @param timeout how long to wait at most
	 * @return whether it has ended
	 */
	boolean awaitEnd(Duration timeout) {
		try {
			this.outcome.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// ended with a failure, or not yet: told by isAlive()
		}
		return !isAlive();
	}

	/**
	 * @return the execution once it has ended
	 */
	JobExecution await() {
		try {
			return this.outcome.join();
		}
		catch (CompletionException ex) {
			throw translate(ex.getCause());
		}
	}

	private long awaitExecution(String what, Supplier<@Nullable JobExecution> lookup) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			JobExecution execution = lookup.get();
			if (execution != null) {
				return execution.getId();
			}
			if (this.outcome.isDone()) {
				// ended before it was seen in the repository: failed to start, or was
				// very fast
				return await().getId();
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("The " + what + " did not create its execution within "
				+ START_TIMEOUT.toSeconds() + " s; see the log");
	}

	/**
	 * @param failure why a start or restart failed
	 * @return the exception to show the person who asked
	 */
	static RuntimeException translate(@Nullable Throwable failure) {
		if (failure instanceof JobExecutionAlreadyRunningException || failure instanceof JobRestartException
				|| failure instanceof JobInstanceAlreadyCompleteException) {
			return new OperationRefusedException(failure.getMessage(), failure);
		}
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Could not run the job: " + failure, failure);
	}

}
