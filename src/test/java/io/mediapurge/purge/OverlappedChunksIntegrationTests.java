package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * Chunks in flight ({@code media-purge.s3.delete.max-chunks-in-flight=2}): a chunk's back
 * (reference check, DeleteObjects, hard delete, records) runs on a thread of its own
 * while the step reads and claims the next chunk. One document per chunk, so each gallery
 * is a chunk of its own.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:overlapped-chunks;DB_CLOSE_DELAY=-1",
		"media-purge.s3.delete.max-chunks-in-flight=2", "media-purge.chunk-size=1", "media-purge.fill-requests=false",
		"media-purge.s3.delete.max-attempts=2", "media-purge.lease.ttl=30m" })
class OverlappedChunksIntegrationTests extends CheckpointHookTestSupport {

	@Test
	void theNextChunkIsReadAndClaimedWhileABackIsInFlight() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))), due(gallery("g3", cdnUrl("galleries/g3.jpg"))));
		CountDownLatch nextClaimed = new CountDownLatch(1);
		boolean[] claimedWhileHeld = new boolean[1];
		String[] threads = new String[2];
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.BEFORE_CHECK && passage == 1) {
				// the first chunk's back holds until the step has claimed the second
				threads[0] = Thread.currentThread().getName();
				claimedWhileHeld[0] = await(nextClaimed);
			}
			else if (checkpoint == Checkpoint.AFTER_CLAIM && passage == 2) {
				threads[1] = Thread.currentThread().getName();
				nextClaimed.countDown();
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(claimedWhileHeld[0]).as("the second chunk was claimed while the first one's back was held").isTrue();
		assertThat(threads[0]).startsWith("purge-back-gallery-").isNotEqualTo(threads[1]);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(summary(execution, "gallery").documentsPurged()).isEqualTo(3);
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/g2.jpg",
				"galleries/g3.jpg");
	}

	@Test
	void aDocumentWrittenWhileABackIsInFlightKeepsTheKeyItShows() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))), due(gallery("g3", cdnUrl("galleries/g3.jpg"))));
		CountDownLatch nextClaimed = new CountDownLatch(1);
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.AFTER_CLAIM && passage == 2) {
				nextClaimed.countDown();
			}
			else if (checkpoint == Checkpoint.BEFORE_CHECK && passage == 1) {
				// the first chunk is handed over and the step has moved on: the CMS now
				// shows g1's image on a new live article, in another URL form
				await(nextClaimed);
				insert("articles", article("live", s3Url("galleries/g1.jpg"), List.of()));
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isZero();
		assertThat(count("articles")).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/g1.jpg");
		assertThat(keysSentToS3()).doesNotContain("galleries/g1.jpg");
		assertThat(summary(execution, "gallery").imagesShared()).isEqualTo(1);
	}

	@Test
	void aBackThatFailsFailsTheStepAndARestartFinishesWithNothingLost() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg", "galleries/live.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))), due(gallery("g3", cdnUrl("galleries/g3.jpg"))),
				gallery("live", cdnUrl("galleries/live.jpg")));
		// S3 does not answer the first chunk's DeleteObjects, nor its retry: an outage
		this.s3.faults().failNextRequests(2, 503, "ServiceUnavailable");

		JobExecution failed = this.launcher.run(false, Set.of("gallery"));

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("S3 did not answer DeleteObjects");
		// nothing S3 did not confirm is hard-deleted: the first chunk stays claimed, and
		// so does the one claimed while its back ran
		assertThat(count("galleries")).isEqualTo(4);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg",
				"galleries/live.jpg");
		Document g1 = storedGallery("g1");
		assertThat(g1.getBoolean("is_deleted")).isTrue();
		assertThat(g1.get(PurgeFields.CLAIMED_AT)).isNotNull();

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(storedGallery("live")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/live.jpg");
		assertThat(auditedKeys(restarted)).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/g2.jpg",
				"galleries/g3.jpg");
	}

	@Test
	void aStopWhileABackIsInFlightEndsTheStepStoppedOnceTheChunksInFlightAreDone() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "galleries/g3.jpg", "galleries/g4.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))), due(gallery("g3", cdnUrl("galleries/g3.jpg"))),
				due(gallery("g4", cdnUrl("galleries/g4.jpg"))));
		CountDownLatch held = new CountDownLatch(2);
		CountDownLatch stopped = new CountDownLatch(1);
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.BEFORE_CHECK && passage == 1) {
				held.countDown();
				await(stopped);
			}
			else if (checkpoint == Checkpoint.AFTER_CLAIM && passage == 2) {
				held.countDown();
			}
		});
		long id = this.launcher.startInBackground(false, Set.of("gallery"));
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

		// the first chunk's back is held, the second chunk is claimed
		this.control.stop(id);
		stopped.countDown();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> !this.control.execution(id).getStatus().isRunning());

		JobExecution execution = this.control.execution(id);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		// the two chunks in flight are finished, as a chunk is finished on a stop; the
		// step then reads nothing more
		assertThat(storedGallery("g1")).isNull();
		assertThat(storedGallery("g2")).isNull();
		assertThat(storedGallery("g3")).doesNotContainKey(PurgeFields.CLAIMED_AT);
		assertThat(keysSentToS3()).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/g2.jpg");
		this.hook.action = null;

		JobExecution restarted = this.launcher.restart(id);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
