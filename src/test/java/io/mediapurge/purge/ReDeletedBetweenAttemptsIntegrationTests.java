package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.TransientDataAccessResourceException;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * The first attempt of a chunk claims a document and deletes its images, then fails
 * before its hard delete (a transient failure Spring Batch retries). Meanwhile the CMS
 * deletes the document again (a new {@code deleted_at}, which the contract lets it write
 * on a soft-deleted document). The retry finds the document changed since it was read: it
 * must leave it claimed, since its images are gone, and not give it back to a CMS that
 * could then restore a page whose images are gone.
 */
class ReDeletedBetweenAttemptsIntegrationTests extends GalleryWriterTestSupport {

	@Test
	void aDocumentDeletedAgainAfterTheFirstAttemptDeletedItsImagesStaysClaimed() throws Exception {
		this.s3.put("galleries/again/1.jpg");
		insert("galleries", due(gallery("again", s3Url("galleries/again/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		AtomicBoolean failed = new AtomicBoolean();
		PurgeItemWriter writer = writer(this.journal, reached -> {
			if (reached == Checkpoint.AFTER_AUDIT && failed.compareAndSet(false, true)) {
				// the CMS deletes it again, then the connection drops before the hard
				// delete
				this.mongo.getCollection("galleries")
					.updateOne(Filters.eq("gallery_id", "again"),
							Updates.combine(Updates.set("is_deleted", true), Updates.set("deleted_at", new Date())));
				throw new TransientDataAccessResourceException("the connection dropped at " + reached.label());
			}
		});
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> writer.write(new Chunk<>(candidates)));
		assertThat(this.s3.keys()).as("the first attempt deleted its image").isEmpty();

		writer.write(new Chunk<>(candidates));

		assertThat(storedGallery("again")).as("not hard-deleted: it changed since it was read")
			.isNotNull()
			.containsKey(PurgeFields.CLAIMED_AT);
		assertThat(restoreAsTheCms("again")).as("a document whose images are gone cannot be restored").isZero();
	}

}
