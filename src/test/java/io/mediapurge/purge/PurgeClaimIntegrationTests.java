package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.TransientDataAccessResourceException;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.mediapurge.purge.PurgeJournal.DocumentEvent;

/**
 * The claim, with the CMS acting between the job's read and its write: the gallery step's
 * reader, processor and writer run one after another over the real servers, and the CMS's
 * own updates (from the README's contract) happen in between.
 */
class PurgeClaimIntegrationTests extends GalleryWriterTestSupport {

	PurgeItemWriter writer;

	@BeforeEach
	void galleryWriter() {
		this.writer = writer(this.journal, PurgeCheckpoints.NONE);
	}

	@Test
	void aDocumentRestoredBeforeItsClaimSurvivesWithAllItsImagesWhileTheRestIsPurged() throws Exception {
		this.s3.put("galleries/kept/1.jpg", "galleries/kept/2.jpg", "galleries/gone/1.jpg");
		insert("galleries", due(gallery("kept", s3Url("galleries/kept/1.jpg"), cdnUrl("galleries/kept/2.jpg"))),
				due(gallery("gone", s3Url("galleries/gone/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();

		long restored = restoreAsTheCms("kept");
		this.writer.write(new Chunk<>(candidates));

		assertThat(restored).isEqualTo(1);
		assertThat(storedGallery("kept").getBoolean("is_deleted")).isFalse();
		assertThat(storedGallery("gone")).isNull();
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/kept/1.jpg", "galleries/kept/2.jpg");
		assertThat(this.jdbc.queryForList("SELECT document_id FROM purge_document_event WHERE event = 'RESTORED'",
				String.class))
			.containsExactly("kept");
	}

	@Test
	void aDocumentDeletedAgainAfterARestoreIsNotPurgedOnTheOldTimestamp() throws Exception {
		this.s3.put("galleries/again/1.jpg");
		insert("galleries", due(gallery("again", s3Url("galleries/again/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();

		restoreAsTheCms("again");
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "again"),
					Updates.combine(Updates.set("is_deleted", true), Updates.set("deleted_at", new Date())));
		this.writer.write(new Chunk<>(candidates));

		assertThat(storedGallery("again")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/again/1.jpg");
	}

	@Test
	void aDocumentDeletedAgainAtTheTimeOfAnotherOfItsChunkIsGivenBackUnclaimed() throws Exception {
		this.s3.put("galleries/twice/1.jpg", "galleries/other/1.jpg");
		insert("galleries", due(gallery("twice", s3Url("galleries/twice/1.jpg"))),
				due(gallery("other", s3Url("galleries/other/1.jpg"))));
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "other"),
					Updates.set("deleted_at", Date.from(Instant.now().minus(Duration.ofDays(3)))));
		List<PurgeCandidate> candidates = readAndProcess();
		Date otherDeletedAt = storedGallery("other").getDate("deleted_at");

		// restored, then deleted again with the very timestamp of the chunk's other
		// document
		restoreAsTheCms("twice");
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "twice"),
					Updates.combine(Updates.set("is_deleted", true), Updates.set("deleted_at", otherDeletedAt)));
		this.writer.write(new Chunk<>(candidates));

		assertThat(storedGallery("other")).isNull();
		Document twice = storedGallery("twice");
		assertThat(twice).isNotNull().doesNotContainKeys(PurgeFields.CLAIM, PurgeFields.CLAIMED_AT);
		assertThat(this.s3.keys()).containsExactly("galleries/twice/1.jpg");
		assertThat(this.jdbc.queryForList("SELECT document_id FROM purge_document_event WHERE event = 'RESTORED'",
				String.class))
			.containsExactly("twice");
		assertThat(restoreAsTheCms("twice")).isEqualTo(1);
	}

	@Test
	void aWriteRetriedAfterItsHardDeleteStillKeepsWhatALiveDocumentShows() throws Exception {
		this.s3.put("galleries/shared.jpg", "galleries/g1/1.jpg");
		insert("galleries", gallery("live", cdnUrl("galleries/shared.jpg")),
				due(gallery("g1", s3Url("galleries/g1/1.jpg"), s3Url("galleries/shared.jpg"))),
				// blocked for its URL: the chunk has an event to record
				due(gallery("odd", cdnUrl("galleries/a/../b.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		AtomicInteger failures = new AtomicInteger(1);
		PurgeJournal journal = new PurgeJournal(this.jdbc, this.transactions, Clock.systemUTC()) {
			@Override
			void recordEvents(long jobExecutionId, long stepExecutionId, String contentType, String token,
					List<DocumentEvent> events) {
				if (failures.getAndDecrement() > 0) {
					throw new TransientDataAccessResourceException("the job repository failed over");
				}
				super.recordEvents(jobExecutionId, stepExecutionId, contentType, token, events);
			}
		};
		PurgeItemWriter writer = writer(journal, PurgeCheckpoints.NONE);

		// the first write hard-deletes g1, then fails; Spring Batch retries the whole
		// write
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> writer.write(new Chunk<>(candidates)));
		writer.write(new Chunk<>(candidates));

		assertThat(storedGallery("g1")).isNull();
		assertThat(storedGallery("live")).isNotNull();
		assertThat(this.s3.keys()).containsExactly("galleries/shared.jpg");
	}

	@Test
	void aClaimedDocumentCannotBeRestored() throws Exception {
		this.s3.put("galleries/held/1.jpg");
		insert("galleries", due(gallery("held", s3Url("galleries/held/1.jpg"))));
		this.s3.faults().denyKeys(Set.of("galleries/held/1.jpg"));
		this.writer.write(new Chunk<>(readAndProcess()));

		long restored = restoreAsTheCms("held");

		assertThat(restored).isZero();
		assertThat(storedGallery("held").getBoolean("is_deleted")).isTrue();
		assertThat(storedGallery("held").get(PurgeFields.CLAIMED_AT)).isNotNull();
	}

}
