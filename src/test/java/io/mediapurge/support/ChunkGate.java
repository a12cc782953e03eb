package io.mediapurge.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.mediapurge.purge.PurgeProgressListener;
import io.mediapurge.purge.PurgeSummary;

/**
 * Holds a step's thread at an exact moment: once a content type's first chunk has done
 * all its writes (S3 deletes, audit, hard deletes) and before the chunk's transaction
 * commits. The step is then still running, with nothing of its chunk left to delete, so
 * the end state after a stop is the same with or without the writer's delete fence.
 *
 * <p>
 * It can also hold steps right after they counted their references (their snapshot) and
 * before their reader runs its query, so a test can write what the snapshot never saw but
 * the step reads.
 */
public class ChunkGate implements PurgeProgressListener {

	/** Registers the gate as a listener of the job. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		ChunkGate chunkGate() {
			return new ChunkGate();
		}

	}

	private volatile @Nullable String contentType;

	private volatile CountDownLatch release = new CountDownLatch(0);

	private final Semaphore arrivals = new Semaphore(0);

	private final Set<String> snapshotHolds = ConcurrentHashMap.newKeySet();

	private volatile CountDownLatch snapshotRelease = new CountDownLatch(0);

	private final Semaphore snapshotArrivals = new Semaphore(0);

	/**
	 * Holds the next step of each of these content types once it has counted its
	 * references, until {@link #release()}.
	 * @param contentTypes the content types
	 */
	public void holdAfterSnapshot(String... contentTypes) {
		this.snapshotRelease = new CountDownLatch(1);
		this.snapshotArrivals.drainPermits();
		this.snapshotHolds.addAll(List.of(contentTypes));
	}

	/**
	 * Waits until that many steps are held after their snapshot.
	 * @param count how many
	 * @param timeout how long to wait at most
	 */
	public void awaitSnapshotsHeld(int count, Duration timeout) throws InterruptedException {
		if (!this.snapshotArrivals.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError(count + " steps did not reach the snapshot gate within " + timeout);
		}
	}

	@Override
	public void referencesCounted(String contentType, boolean dryRun) {
		if (!this.snapshotHolds.remove(contentType)) {
			return;
		}
		this.snapshotArrivals.release();
		await(this.snapshotRelease);
	}

	/**
	 * Holds the next step of this content type after its first written chunk.
	 * @param contentType the content type
	 */
	public void holdAfterFirstChunk(String contentType) {
		this.release = new CountDownLatch(1);
		this.arrivals.drainPermits();
		this.contentType = contentType;
	}

	/**
	 * Waits until a step's thread is held.
	 * @param timeout how long to wait at most
	 */
	public void awaitHeld(Duration timeout) throws InterruptedException {
		if (!this.arrivals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("No step reached the gate within " + timeout);
		}
	}

	/** Lets the held step go on, and every later one pass. */
	public void release() {
		this.contentType = null;
		this.snapshotHolds.clear();
		this.release.countDown();
		this.snapshotRelease.countDown();
	}

	@Override
	public void chunkWritten(String contentType, boolean dryRun, PurgeSummary chunk) {
		if (!contentType.equals(this.contentType)) {
			return;
		}
		this.contentType = null;
		this.arrivals.release();
		await(this.release);
	}

	private static void await(CountDownLatch release) {
		try {
			if (!release.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never released the gate");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
