package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.TransientDataAccessResourceException;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * Spring Batch retries a chunk's whole write after a transient failure. Whatever moment
 * the first attempt failed at, the retry must leave exactly the records one successful
 * write leaves: the attempt counted once, a document quarantined by the first attempt
 * reported quarantined (never restored), one audit row per deleted key, one event per
 * document, and a summary that does not count the first attempt's deletes as images
 * already absent.
 */
class RetriedWriteIntegrationTests extends GalleryWriterTestSupport {

	@Test
	void aWriteRetriedAfterItsBlocksWereWrittenCountsTheAttemptOnce() throws Exception {
		this.s3.put("galleries/held/1.jpg", "galleries/gone/1.jpg");
		insert("galleries", due(gallery("held", s3Url("galleries/held/1.jpg"))),
				due(gallery("gone", cdnUrl("galleries/gone/1.jpg"))));
		this.s3.faults().denyKeys(Set.of("galleries/held/1.jpg"));

		writeFailingOnceAt(Checkpoint.AFTER_HARD_DELETE);

		Document held = storedGallery("held");
		assertThat(held.getInteger(PurgeFields.ATTEMPTS)).isEqualTo(1);
		assertThat(held).doesNotContainKey(PurgeFields.QUARANTINED_AT);
		assertThat(held.get(PurgeFields.CLAIMED_AT)).isNotNull();
		assertThat(storedGallery("gone")).isNull();
		assertThat(this.s3.keys()).containsExactly("galleries/held/1.jpg");
		assertThat(eventRows()).containsExactly("held BLOCKED s3-AccessDenied");
		assertThat(auditRows()).containsExactly("gone galleries/gone/1.jpg");
		PurgeSummary summary = stepSummary();
		assertThat(summary.documentsPurged()).isEqualTo(1);
		assertThat(summary.documentsBlocked()).isEqualTo(1);
		assertThat(summary.documentsRestored()).isZero();
		assertThat(summary.imagesAlreadyAbsent()).isZero();
	}

	@Test
	void aDocumentQuarantinedByTheFirstAttemptIsReportedQuarantinedNotRestored() throws Exception {
		this.s3.put("galleries/held/1.jpg");
		insert("galleries", due(gallery("held", s3Url("galleries/held/1.jpg"))).append(PurgeFields.ATTEMPTS, 4));
		this.s3.faults().denyKeys(Set.of("galleries/held/1.jpg"));

		writeFailingOnceAt(Checkpoint.AFTER_HARD_DELETE);

		Document held = storedGallery("held");
		assertThat(held.getBoolean("is_deleted")).isTrue();
		assertThat(held.getInteger(PurgeFields.ATTEMPTS)).isEqualTo(5);
		assertThat(held.get(PurgeFields.QUARANTINED_AT)).isNotNull();
		assertThat(restoreAsTheCms("held")).isZero();
		assertThat(this.s3.keys()).containsExactly("galleries/held/1.jpg");
		assertThat(eventRows()).containsExactly("held QUARANTINED s3-AccessDenied");
		PurgeSummary summary = stepSummary();
		assertThat(summary.documentsQuarantined()).isEqualTo(1);
		assertThat(summary.documentsRestored()).isZero();
	}

	@Test
	void aWriteRetriedAfterItsAuditKeepsOneAuditRowPerDeletedKey() throws Exception {
		this.s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "galleries/g2/1.jpg");
		insert("galleries", due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/2.jpg"))),
				due(gallery("g2", s3Url("galleries/g2/1.jpg"))));

		writeFailingOnceAt(Checkpoint.AFTER_AUDIT);

		assertThat(storedGallery("g1")).isNull();
		assertThat(storedGallery("g2")).isNull();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(auditRows()).containsExactlyInAnyOrder("g1 galleries/g1/1.jpg", "g1 galleries/g1/2.jpg",
				"g2 galleries/g2/1.jpg");
		assertThat(eventRows()).isEmpty();
		PurgeSummary summary = stepSummary();
		assertThat(summary.documentsPurged()).isEqualTo(2);
		assertThat(summary.imagesDeleted()).isEqualTo(3);
		assertThat(summary.imagesAlreadyAbsent()).isZero();
	}

	/** Writes the chunk, failing once at the checkpoint, then writes it again. */
	private void writeFailingOnceAt(Checkpoint checkpoint) throws Exception {
		List<PurgeCandidate> candidates = readAndProcess();
		AtomicBoolean failed = new AtomicBoolean();
		PurgeItemWriter writer = writer(this.journal, reached -> {
			if (reached == checkpoint && failed.compareAndSet(false, true)) {
				throw new TransientDataAccessResourceException("the connection dropped at " + reached.label());
			}
		});
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> writer.write(new Chunk<>(candidates)));
		writer.write(new Chunk<>(candidates));
	}

	private List<String> eventRows() {
		return this.jdbc.queryForList("SELECT document_id || ' ' || event || ' ' || reason_code FROM purge_document_event",
				String.class);
	}

	private List<String> auditRows() {
		return this.jdbc.queryForList("SELECT document_id || ' ' || image_key FROM purge_deleted_image", String.class);
	}

}
