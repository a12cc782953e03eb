package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.support.EmbeddedMongo;

/**
 * What a catch-up reads, over the in-process MongoDB server: every document of its window
 * each time, with the keys it shows at that read, however often it was read before.
 */
class WrittenDocumentsIntegrationTests {

	private static final String CDN = CatchUpFixtures.CDN;

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ContentCatalogue catalogue = CatchUpFixtures.galleries();

	private final ImageUrlResolver resolver = CatchUpFixtures.resolver();

	private final WrittenDocuments written = new WrittenDocuments(this.mongo, this.catalogue, this.resolver);

	private final Instant since = Instant.now().minus(Duration.ofMinutes(5));

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aDocumentReadAgainUnchangedShowsTheSameKeys() {
		ObjectId id = insert("galleries/g1/a.jpg", "galleries/g1/b.jpg");
		Set<Long> first = keysOf(id, this.written.apply(this.since));

		assertThat(first).containsExactlyInAnyOrder(digest("galleries/g1/a.jpg"), digest("galleries/g1/b.jpg"));
		assertThat(keysOf(id, this.written.apply(this.since))).isEqualTo(first);
	}

	@Test
	void aDocumentEditedBetweenTwoReadsShowsItsNewKeysEvenWithoutANewUpdatedAt() {
		ObjectId id = insert("galleries/g1/a.jpg");
		this.written.apply(this.since);

		// the CMS rewrites the image in place and keeps the old updated_at: the recent
		// _id
		// brings the document back into the window
		setImages(id, CDN + "shared/logo.jpg");
		assertThat(keysOf(id, this.written.apply(this.since))).containsExactly(digest("shared/logo.jpg"));

		// the same key through another URL form, then another key under the same URL
		// prefix
		setImages(id, "s3://media/shared/logo.jpg");
		assertThat(keysOf(id, this.written.apply(this.since))).containsExactly(digest("shared/logo.jpg"));
		setImages(id, CDN + "shared/logo.jpg", CDN + "shared/logo2.jpg");
		assertThat(keysOf(id, this.written.apply(this.since))).containsExactlyInAnyOrder(digest("shared/logo.jpg"),
				digest("shared/logo2.jpg"));
	}

	@Test
	void everyDocumentOfSeveralBatchesShowsItsOwnKeysAtEveryRead() {
		List<ObjectId> ids = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) {
			ids.add(insert("galleries/" + i + "/a.jpg", "galleries/" + i + "/b.jpg"));
		}
		setImages(ids.get(1_700), CDN + "shared/logo.jpg");
		assertReadShows(ids, 1_700);

		// read again: one document back to its own images, another edited
		setImages(ids.get(1_700), CDN + "galleries/1700/a.jpg", CDN + "galleries/1700/b.jpg");
		setImages(ids.get(5), CDN + "shared/logo.jpg");
		assertReadShows(ids, 5);
	}

	private void assertReadShows(List<ObjectId> ids, int showingTheLogo) {
		Map<References.DocumentId, Set<Long>> written = this.written.apply(this.since);
		assertThat(written).hasSize(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			Set<Long> expected = (i == showingTheLogo) ? Set.of(digest("shared/logo.jpg"))
					: Set.of(digest("galleries/" + i + "/a.jpg"), digest("galleries/" + i + "/b.jpg"));
			assertThat(written.get(new References.DocumentId("galleries", ids.get(i)))).as("document %d", i)
				.containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void aDocumentGoneFromTheWindowIsNoLongerRead() {
		ObjectId id = insert("galleries/g1/a.jpg");
		this.written.apply(this.since);
		this.mongo.getCollection("galleries").deleteOne(new Document("_id", id));

		assertThat(this.written.apply(this.since)).isEmpty();
	}

	private ObjectId insert(String... keys) {
		ObjectId id = new ObjectId();
		Document document = new Document("_id", id).append("gallery_id", id.toHexString())
			.append("updated_at", new Date())
			.append("images", List.of(keys).stream().map(key -> new Document("url", CDN + key)).toList());
		this.mongo.getCollection("galleries").insertOne(document);
		return id;
	}

	private void setImages(ObjectId id, String... urls) {
		this.mongo.getCollection("galleries")
			.updateOne(new Document("_id", id), new Document("$set",
					new Document("images", List.of(urls).stream().map(url -> new Document("url", url)).toList())));
	}

	private static Set<Long> keysOf(ObjectId id, Map<References.DocumentId, Set<Long>> written) {
		assertThat(written).containsOnlyKeys(new References.DocumentId("galleries", id));
		return written.get(new References.DocumentId("galleries", id));
	}

	private static long digest(String key) {
		return ReferenceIndex.digest(key);
	}

}
