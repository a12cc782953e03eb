package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * Three chunks in flight: two backs at once decide on the same key, each while the
 * other's document is claimed and not yet hard-deleted. One document per chunk.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:concurrent-backs;DB_CLOSE_DELAY=-1",
		"media-purge.s3.delete.max-chunks-in-flight=3", "media-purge.chunk-size=1", "media-purge.fill-requests=false",
		"media-purge.s3.delete.max-attempts=2", "media-purge.lease.ttl=30m" })
class ConcurrentBacksIntegrationTests extends CheckpointHookTestSupport {

	@Test
	void twoBacksDecidingAtOnceKeepAKeyEachOthersDocumentShowsAndNeverOneALiveDocumentShows() throws Exception {
		this.s3.put("galleries/k.jpg", "galleries/m.jpg", "galleries/g2.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/k.jpg"), cdnUrl("galleries/m.jpg"))),
				due(gallery("g2", cdnUrl("galleries/k.jpg"), cdnUrl("galleries/g2.jpg"))),
				gallery("live", cdnUrl("galleries/m.jpg")));
		CyclicBarrier bothChecking = new CyclicBarrier(2);
		CyclicBarrier bothDecided = new CyclicBarrier(2);
		boolean[] together = { true };
		this.hook.arm((checkpoint, passage) -> {
			// the two backs check together, and neither hard-deletes before both decided
			if (checkpoint == Checkpoint.BEFORE_CHECK && passage <= 2) {
				together[0] &= meet(bothChecking);
			}
			else if (checkpoint == Checkpoint.AFTER_S3_DELETE && passage <= 2) {
				together[0] &= meet(bothDecided);
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(together[0]).as("the two backs ran at the same time").isTrue();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
		assertThat(storedGallery("live")).isNotNull();
		// the live gallery's image stays; the key both due galleries showed goes, at the
		// latest in the run's last step
		assertThat(this.s3.keys()).containsExactly("galleries/m.jpg");
		assertThat(keysSentToS3()).doesNotContain("galleries/m.jpg");
	}

	private static boolean meet(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
