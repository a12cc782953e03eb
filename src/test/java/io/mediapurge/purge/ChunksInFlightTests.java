package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.TransientDataAccessResourceException;

import io.mediapurge.purge.ChunksInFlight.BackFailedException;

/**
 * The bounds and failure rules of the backs in flight, without servers.
 */
class ChunksInFlightTests {

	private static final RetryPolicy ONE_RETRY = RetryPolicy.builder()
		.includes(TransientDataAccessResourceException.class)
		.maxRetries(1)
		.delay(Duration.ZERO)
		.build();

	@Test
	void oneChunkInFlightIsTheSynchronousWriter() {
		ChunksInFlight inFlight = new ChunksInFlight(1, "gallery", ONE_RETRY);

		assertThat(inFlight.overlapped()).isFalse();
		assertThat(inFlight.drain(completed())).isNull();
	}

	@Test
	void theStepWaitsForAPermitBeforeHandingOverMoreBacksThanAllowed() throws Exception {
		ChunksInFlight inFlight = new ChunksInFlight(3, "gallery", ONE_RETRY);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Runnable back = () -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			await(release);
			running.decrementAndGet();
		};
		inFlight.handOver(back);
		inFlight.handOver(back);
		Thread third = new Thread(() -> inFlight.handOver(back));
		third.start();
		third.join(300);

		// two backs run; the third hand-over waits for one of them
		assertThat(third.isAlive()).isTrue();
		assertThat(running.get()).isEqualTo(2);
		release.countDown();
		third.join(5_000);
		StepExecution step = completed();
		assertThat(inFlight.drain(step)).isNull();
		assertThat(most.get()).isEqualTo(2);
		assertThat(running.get()).isZero();
		assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aTransientFailureRunsTheBackAgain() {
		ChunksInFlight inFlight = new ChunksInFlight(2, "gallery", ONE_RETRY);
		AtomicInteger attempts = new AtomicInteger();

		inFlight.handOver(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new TransientDataAccessResourceException("lost the connection");
			}
		});

		assertThat(inFlight.drain(completed())).isNull();
		assertThat(attempts.get()).isEqualTo(2);
	}

	@Test
	void aFailedBackFailsTheNextHandOverAndTheStep() {
		ChunksInFlight inFlight = new ChunksInFlight(2, "gallery", ONE_RETRY);
		inFlight.handOver(() -> {
			throw new IllegalStateException("S3 did not answer");
		});
		AtomicInteger later = new AtomicInteger();

		assertThatExceptionOfType(BackFailedException.class).isThrownBy(() -> inFlight.handOver(later::incrementAndGet))
			.withMessageContaining("S3 did not answer");
		assertThatExceptionOfType(BackFailedException.class).isThrownBy(inFlight::checkFailed);
		StepExecution step = completed();
		ExitStatus exit = inFlight.drain(step);

		assertThat(later.get()).isZero();
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(exit.getExitCode()).isEqualTo("FAILED");
		assertThat(step.getFailureExceptions()).singleElement().isInstanceOf(BackFailedException.class);
	}

	@Test
	void aStoppedStepStaysStoppedWhenABackFailed() {
		ChunksInFlight inFlight = new ChunksInFlight(2, "gallery", ONE_RETRY);
		inFlight.handOver(() -> {
			throw new DeleteFencedException("deletes nothing more");
		});
		StepExecution step = completed();
		step.setStatus(BatchStatus.STOPPED);

		assertThat(inFlight.drain(step)).isNull();
		assertThat(step.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(step.getFailureExceptions()).singleElement().isInstanceOf(BackFailedException.class);
	}

	private static StepExecution completed() {
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		step.setStatus(BatchStatus.COMPLETED);
		return step;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
