package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The claim's read-back: an unchanged document is found unchanged whatever BSON types its
 * image fields hold besides the URLs (the reader and the read-back decode them alike),
 * and a document given back because it changed protects the images it shows now. The hard
 * delete then compares the same fields on the server.
 */
class ClaimReadBackIntegrationTests extends GalleryWriterTestSupport {

	@Test
	void anUnchangedDocumentWithImageFieldsOfEveryTypeIsPurged() throws Exception {
		this.s3.put("galleries/typed/1.jpg");
		Document image = new Document("url", s3Url("galleries/typed/1.jpg")).append("width", 1200L)
			.append("height", 800)
			.append("ratio", Decimal128.parse("1.50"))
			.append("scale", 0.5)
			.append("nan", Double.NaN)
			.append("blur", new Binary(new byte[] { 1, 2, 3 }))
			.append("raw", new byte[] { 4, 5 })
			.append("uuid", new Binary((byte) 4, new byte[16]))
			.append("legacyUuid", new Binary((byte) 3, new byte[16]))
			.append("asset", new ObjectId())
			.append("taken", new Date(0))
			.append("synced", new BsonTimestamp(1700000000, 1))
			.append("crops", List.of(List.of(1, 2L), List.of(List.of(3.0)), List.of()))
			.append("meta", new Document("nested", new Document("deeper", List.of(new Document("k", null)))));
		Document typed = gallery("typed");
		typed.put("images", List.of(image));
		insert("galleries", due(typed));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(readAndProcess()));

		assertThat(storedGallery("typed")).isNull();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aDocumentWhoseImageFieldsHoldARegularExpressionTheServerCannotCompareIsKeptAndItsChunkPurged()
			throws Exception {
		this.s3.put("galleries/pattern/1.jpg", "galleries/plain/1.jpg");
		// a regular expression beside a URL: the in-process server cannot compare one in
		// the hard delete's condition (a real MongoDB can), so the condition never
		// matches
		Document pattern = gallery("pattern");
		pattern.put("images", List.of(new Document("url", s3Url("galleries/pattern/1.jpg")).append("pattern",
				new BsonRegularExpression("^a", "i"))));
		insert("galleries", due(pattern), due(gallery("plain", s3Url("galleries/plain/1.jpg"))));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(readAndProcess()));

		assertThat(storedGallery("plain")).isNull();
		// kept, never deleted on a condition that could not say it is unchanged; its
		// image is gone, so it stays claimed, blocked
		assertThat(storedGallery("pattern")).isNotNull()
			.containsKey(PurgeFields.CLAIMED_AT)
			.containsEntry(PurgeFields.ATTEMPTS, 1);
		assertThat(restoreAsTheCms("pattern")).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(stepSummary().documentsBlocked()).isOne();
	}

	@Test
	void aDocumentGivenBackForANewImageKeepsThatImageFromTheChunksOtherDocument() throws Exception {
		this.s3.put("galleries/given/1.jpg", "galleries/purged/1.jpg");
		insert("galleries", due(gallery("given", s3Url("galleries/given/1.jpg"))),
				due(gallery("purged", s3Url("galleries/purged/1.jpg"))));
		List<PurgeCandidate> candidates = readAndProcess();
		// between the read and the claim the CMS adds the other document's image to it
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("gallery_id", "given"),
					Updates.combine(Updates.push("images", new Document("url", s3Url("galleries/purged/1.jpg"))),
							Updates.set("updated_at", new Date())));

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(candidates));

		assertThat(storedGallery("purged")).isNull();
		assertThat(storedGallery("given")).isNotNull().doesNotContainKey(PurgeFields.CLAIMED_AT);
		// given back unclaimed, it can be restored: every image it shows must be there
		assertThat(restoreAsTheCms("given")).isOne();
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/given/1.jpg", "galleries/purged/1.jpg");
	}

}
