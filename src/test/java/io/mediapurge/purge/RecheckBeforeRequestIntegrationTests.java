package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * A DeleteObjects request can leave long after its chunk's reference check: it waits for
 * its prefix's budget, backs off after SlowDown, or follows the chunk's earlier requests.
 * A document the CMS writes meanwhile that shows one of its keys keeps that key: the
 * request is checked again right before it leaves, once it is later than
 * {@code media-purge.references.recheck-after} (1s by default) after the last check. Each
 * test stands for the wait by holding the request for longer than that.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:recheck-before-request;DB_CLOSE_DELAY=-1",
		"media-purge.lease.ttl=30m" })
class RecheckBeforeRequestIntegrationTests extends CheckpointHookTestSupport {

	/** Longer than the default {@code recheck-after}. */
	private static final long WAIT_MS = 1_300;

	@Test
	void aDocumentWrittenWhileARequestWaitsKeepsTheKeyItShows() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g1b.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"), cdnUrl("galleries/g1b.jpg"))));
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.BEFORE_REQUEST && passage == 1) {
				// while the request waits for its budget, the CMS shows g1's image on a
				// new
				// live article, in another URL form
				insert("articles", article("live", s3Url("galleries/g1.jpg").replace("https:", "http:"), List.of()));
				sleep(WAIT_MS);
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertLiveImageKept(execution);
		assertThat(keysSentToS3()).containsExactly("galleries/g1b.jpg");
	}

	@Test
	void aRetryAfterABackoffIsCheckedAgain() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g1b.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"), cdnUrl("galleries/g1b.jpg"))));
		this.s3.faults().failNextRequests(1, 503, "SlowDown");
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.BEFORE_REQUEST && passage == 1) {
				// checked a moment ago: the first request goes, and is throttled
				insert("articles", article("live", s3Url("galleries/g1.jpg"), List.of()));
			}
			else if (checkpoint == Checkpoint.BEFORE_REQUEST && passage == 2) {
				// the retry, after a long backoff
				sleep(WAIT_MS);
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertLiveImageKept(execution);
		assertThat(this.s3.faults().deleteRequests()).hasSize(2);
		assertThat(this.s3.faults().deleteRequests().get(1)).containsExactly("galleries/g1b.jpg");
	}

	@Test
	void theLastStepChecksAgainBeforeALateRequest() throws Exception {
		this.s3.put("galleries/shared.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/shared.jpg"))));
		insert("articles", article("a1", cdnUrl("galleries/shared.jpg"), List.of()));
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.AFTER_HARD_DELETE && passage == 1) {
				// the gallery kept the key for a1, which the CMS deletes before the last
				// step
				this.mongo.getCollection("articles").deleteMany(new Document("article_id", "a1"));
			}
			else if (checkpoint == Checkpoint.BEFORE_REQUEST && passage == 1) {
				// the last step found the key unshown; while its request waits, a new
				// article shows it
				insert("articles", article("a2", s3Url("galleries/shared.jpg"), List.of()));
				sleep(WAIT_MS);
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isZero();
		assertThat(count("articles")).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/shared.jpg");
		assertThat(keysSentToS3()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM purge_pending_key", Long.class)).isZero();
	}

	private void assertLiveImageKept(JobExecution execution) {
		assertThat(count("galleries")).isZero();
		assertThat(count("articles")).isEqualTo(1);
		assertThat(this.s3.keys()).containsExactly("galleries/g1.jpg");
		assertThat(summary(execution, "gallery").imagesShared()).isEqualTo(1);
		assertThat(summary(execution, "gallery").imagesDeleted()).isEqualTo(1);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
