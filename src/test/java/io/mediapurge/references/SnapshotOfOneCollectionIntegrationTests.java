package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.ImagePath;
import io.mediapurge.support.EmbeddedMongo;

/**
 * A step's snapshot counts the references of every collection but records the (document,
 * key) pairs of flagged documents of the collection it purges only: its memory follows
 * that collection, not the sum of all, and a flagged document elsewhere still keeps the
 * keys it shows.
 */
class SnapshotOfOneCollectionIntegrationTests {

	private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(3));

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ReferenceIndexBuilder builder = new ReferenceIndexBuilder(this.mongo,
			new ContentCatalogue(List.of(CatchUpFixtures.galleries("galleries"), albums())),
			CatchUpFixtures.resolver());

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void theSnapshotRecordsThePairsOfThePurgedCollectionOnly() {
		insertFlagged("galleries", "g/1.jpg", "g/2.jpg");
		insertFlagged("albums", "a/1.jpg", "a/2.jpg", "a/3.jpg");

		assertThat(this.builder.build(Instant.now(), "galleries").flagged().size()).isEqualTo(2);
		assertThat(this.builder.build(Instant.now(), "albums").flagged().size()).isEqualTo(3);
	}

	/**
	 * What must not follow the pairs: the counts still cover every collection, so a
	 * snapshot narrowed further (counting the purged collection alone) would make the
	 * shared logo look unshared here.
	 */
	@Test
	void aKeyAFlaggedDocumentOfAnotherCollectionShowsIsNotUnshared() {
		ObjectId gallery = insertFlagged("galleries", "shared/logo.jpg", "g/own.jpg");
		insertFlagged("albums", "shared/logo.jpg");

		References references = this.builder.snapshot("galleries");

		assertThat(references.unshared("galleries", Map.of(gallery, Set.of("shared/logo.jpg", "g/own.jpg"))))
			.as("the gallery's own image goes; the one a flagged album also shows stays until the album is purged")
			.containsExactly("g/own.jpg");
	}

	private ObjectId insertFlagged(String collection, String... keys) {
		ObjectId id = new ObjectId(Date.from(LONG_AGO));
		List<Document> images = Arrays.stream(keys).map(key -> new Document("url", CatchUpFixtures.CDN + key)).toList();
		this.mongo.getCollection(collection)
			.insertOne(new Document("_id", id).append("gallery_id", id.toHexString())
				.append("updated_at", Date.from(LONG_AGO))
				.append("is_deleted", true)
				.append("deleted_at", Date.from(LONG_AGO))
				.append("images", images));
		return id;
	}

	private static ContentTypeSpec albums() {
		return new ContentTypeSpec("album", "albums", "gallery_id", "is_deleted", "deleted_at",
				List.of(ImagePath.parse("images[].url")), "test:album", "updated_at");
	}

}
