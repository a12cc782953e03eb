package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.TransientDataAccessResourceException;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * The claim releases only what its own chunk created, and the hard delete takes only a
 * document that still carries the chunk's claim and its soft-delete flag, in the same
 * command that deletes it.
 */
class ClaimReleaseIntegrationTests extends GalleryWriterTestSupport {

	@Test
	void aPartlyPurgedDocumentThatChangedSinceItWasReadKeepsTheClaimOfTheEarlierRun() throws Exception {
		Date earlierClaim = Date.from(Instant.now().minus(Duration.ofDays(1)));
		// an earlier run deleted 1.jpg, then S3 refused 2.jpg: the gallery stays claimed
		this.s3.put("galleries/partly/2.jpg", "galleries/other/1.jpg");
		insert("galleries",
				due(gallery("partly", s3Url("galleries/partly/1.jpg"), s3Url("galleries/partly/2.jpg")))
					.append(PurgeFields.CLAIMED_AT, earlierClaim)
					.append(PurgeFields.ATTEMPTS, 1)
					.append(PurgeFields.LAST_ERROR, "S3 did not delete key: AccessDenied"),
				due(gallery("other", s3Url("galleries/other/1.jpg"))));
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "other"),
					Updates.set("deleted_at", Date.from(Instant.now().minus(Duration.ofDays(3)))));
		List<PurgeCandidate> candidates = readAndProcess();
		// the CMS deletes it again, at the time of the chunk's other document
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "partly"),
					Updates.set("deleted_at", storedGallery("other").getDate("deleted_at")));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(candidates));

		assertThat(storedGallery("other")).isNull();
		Document partly = storedGallery("partly");
		assertThat(partly.getDate(PurgeFields.CLAIMED_AT)).isEqualTo(earlierClaim);
		assertThat(partly).doesNotContainKey(PurgeFields.CLAIM);
		assertThat(restoreAsTheCms("partly")).isZero();
		assertThat(this.s3.keys()).containsExactly("galleries/partly/2.jpg");
	}

	@Test
	void aDocumentWhoseImagesChangedSinceItWasReadIsLeftWholeForTheNextRun() throws Exception {
		this.s3.put("galleries/edited/1.jpg", "galleries/edited/2.jpg", "galleries/fine/1.jpg");
		insert("galleries", due(gallery("edited", s3Url("galleries/edited/1.jpg"))),
				due(gallery("fine", s3Url("galleries/fine/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		// between the read and the claim the CMS adds an image to the soft-deleted
		// gallery
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "edited"),
					Updates.push("images", new Document("url", s3Url("galleries/edited/2.jpg"))));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(candidates));

		// its record and both images stay, unclaimed; the other document is purged
		assertThat(storedGallery("edited")).isNotNull().doesNotContainKeys(PurgeFields.CLAIM, PurgeFields.CLAIMED_AT);
		assertThat(this.s3.keys()).containsExactly("galleries/edited/1.jpg", "galleries/edited/2.jpg");
		assertThat(storedGallery("fine")).isNull();

		// the next run reads it as it is now and deletes every image it shows
		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(readAndProcess()));
		assertThat(storedGallery("edited")).isNull();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aRetriedChunkWhoseDocumentGainedAnImageKeepsItClaimedAndWhole() throws Exception {
		this.s3.put("galleries/edited/1.jpg", "galleries/edited/2.jpg");
		insert("galleries", due(gallery("edited", s3Url("galleries/edited/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		PurgeItemWriter writer = writer(this.journal, reached -> {
			if (reached == Checkpoint.AFTER_S3_DELETE && !this.failedOnce) {
				this.failedOnce = true;
				// 1.jpg is gone; the CMS adds an image, then the chunk fails
				this.mongo.getCollection("galleries")
					.updateOne(Filters.eq("gallery_id", "edited"),
							Updates.push("images", new Document("url", s3Url("galleries/edited/2.jpg"))));
				throw new TransientDataAccessResourceException("journal went away");
			}
		});
		try {
			writer.write(new Chunk<>(candidates));
		}
		catch (TransientDataAccessResourceException expected) {
			// Spring Batch retries the same chunk with the same writer
		}
		writer.write(new Chunk<>(candidates));

		// not hard-deleted with 2.jpg left behind, and still claimed: the CMS cannot
		// restore a document whose first image is gone
		assertThat(this.failedOnce).isTrue();
		assertThat(storedGallery("edited")).isNotNull().containsKey(PurgeFields.CLAIMED_AT);
		assertThat(restoreAsTheCms("edited")).isZero();
		assertThat(this.s3.keys()).containsExactly("galleries/edited/2.jpg");

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(readAndProcess()));
		assertThat(storedGallery("edited")).isNull();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aDocumentUnflaggedAgainstTheContractAfterItsImagesWentIsNotHardDeleted() throws Exception {
		this.s3.put("galleries/rogue/1.jpg", "galleries/fine/1.jpg");
		insert("galleries", due(gallery("rogue", s3Url("galleries/rogue/1.jpg"))),
				due(gallery("fine", s3Url("galleries/fine/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();

		// a CMS that ignores purge_claimed_at restores it while its chunk is deleting
		writer(this.journal, reached -> {
			if (reached == Checkpoint.AFTER_AUDIT) {
				this.mongo.getCollection("galleries")
					.updateOne(Filters.eq("gallery_id", "rogue"), Updates.set("is_deleted", false));
			}
		}).write(new Chunk<>(candidates));

		assertThat(storedGallery("fine")).isNull();
		assertThat(storedGallery("rogue")).isNotNull().containsEntry("is_deleted", false);
	}

	@Test
	void aDocumentGoneBeforeItsFirstClaimLeavesItsImagesAlone() throws Exception {
		this.s3.put("galleries/moved/1.jpg", "galleries/fine/1.jpg");
		insert("galleries", due(gallery("moved", s3Url("galleries/moved/1.jpg"))),
				due(gallery("fine", s3Url("galleries/fine/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		// between the read and the claim the CMS moves it elsewhere, keeping its _id
		// and its images: nothing here says whether a document there shows them
		this.mongo.getCollection("galleries").deleteOne(Filters.eq("gallery_id", "moved"));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(candidates));

		assertThat(this.s3.exists("galleries/moved/1.jpg")).isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> summary = (Map<String, Object>) this.stepExecution.getExecutionContext()
			.get(PurgeSummary.CONTEXT_KEY);
		assertThat(summary).containsEntry("documentsPurged", 1L).containsEntry("documentsRestored", 1L);
		assertThat(this.s3.exists("galleries/fine/1.jpg")).isFalse();
		assertThat(storedGallery("fine")).isNull();
	}

	@Test
	void aRetriedChunkMeetsItsOwnHardDeletesAndFinishesThem() throws Exception {
		this.s3.put("galleries/done/1.jpg");
		insert("galleries", due(gallery("done", s3Url("galleries/done/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		PurgeItemWriter writer = writer(this.journal, reached -> {
			if (reached == Checkpoint.AFTER_HARD_DELETE && storedGallery("done") == null
					&& !this.s3.exists("galleries/done/1.jpg") && !this.failedOnce) {
				this.failedOnce = true;
				throw new TransientDataAccessResourceException("journal went away");
			}
		});
		try {
			writer.write(new Chunk<>(candidates));
		}
		catch (TransientDataAccessResourceException expected) {
			// Spring Batch retries the same chunk with the same writer
		}
		writer.write(new Chunk<>(candidates));

		assertThat(this.failedOnce).isTrue();
		assertThat(storedGallery("done")).isNull();
		assertThat(this.s3.exists("galleries/done/1.jpg")).isFalse();
		// the retry reports the document purged, as one successful write would
		@SuppressWarnings("unchecked")
		Map<String, Object> summary = (Map<String, Object>) this.stepExecution.getExecutionContext()
			.get(PurgeSummary.CONTEXT_KEY);
		assertThat(summary).containsEntry("documentsPurged", 1L).containsEntry("documentsRestored", 0L);
	}

	private boolean failedOnce;

	@Test
	void claimsAndBlocksAreWrittenWithMajorityAndReadBackFromThePrimary() {
		ChunkClaim claim = ChunkClaim.of(this.catalogue.find("gallery").orElseThrow(), this.mongo, "token",
				Clock.systemUTC());

		assertThat(claim.collection().getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
		assertThat(claim.collection().getReadPreference()).isEqualTo(ReadPreference.primary());
	}

}
