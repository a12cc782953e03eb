package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.ImagePath;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.support.EmbeddedMongo;

/**
 * The counts of {@link References} over many catch-ups, through the in-process MongoDB
 * server: whatever the CMS writes between two catch-ups (new images, the same images
 * back, a document deleted and written again with the same {@code _id}, edits that keep
 * {@code updated_at}, documents leaving and re-entering the window, the same {@code _id}
 * and the same images in two collections), every key counts exactly the documents that
 * showed it when a catch-up last read them.
 */
class CatchUpCountsIntegrationTests {

	private static final String CDN = CatchUpFixtures.CDN;

	/** Keys of one length, so that an edit leaves a document's length as it was. */
	private static final List<String> KEYS = List.of("shared/k0.jpg", "shared/k1.jpg", "shared/k2.jpg", "shared/k3.jpg",
			"shared/k4.jpg", "shared/k5.jpg");

	private static final List<String> COLLECTIONS = List.of("galleries", "archives");

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final Date IN_WINDOW = Date.from(NOW.minus(Duration.ofMinutes(1)));

	private static final Date OUT_OF_WINDOW = Date.from(NOW.minus(Duration.ofDays(2)));

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ContentCatalogue catalogue = new ContentCatalogue(
			COLLECTIONS.stream().map(CatchUpCountsIntegrationTests::contentType).toList());

	private final ImageUrlResolver resolver = CatchUpFixtures.resolver();

	/** Every catch-up reads from an hour before {@link #NOW}. */
	private final References references = references();

	/** What a catch-up last read of each document not hard-deleted since. */
	private final Map<References.DocumentId, Set<String>> lastRead = new HashMap<>();

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aDocumentWhoseKeysGoFromOneToAnotherAndBackCountsWithItsKeysOfTheMoment() {
		Object id = new ObjectId(Date.from(NOW.minus(Duration.ofDays(3))));
		write("galleries", id, List.of(CDN + KEYS.get(0)), null, IN_WINDOW);
		write("archives", new ObjectId(Date.from(NOW.minus(Duration.ofDays(3)))), List.of(CDN + KEYS.get(0)), null,
				IN_WINDOW);
		catchUpAndCheck();
		write("galleries", id, List.of(CDN + KEYS.get(1)), null, IN_WINDOW);
		catchUpAndCheck();
		write("galleries", id, List.of(CDN + KEYS.get(0)), null, IN_WINDOW);
		catchUpAndCheck();
		catchUpAndCheck();
		assertThat(this.references.count(KEYS.get(0))).isEqualTo(2);
		assertThat(this.references.count(KEYS.get(1))).isZero();
	}

	@Test
	void theSameIdShowingTheSameImagesInTwoCollectionsCountsTwiceAtEveryRead() {
		Object id = new ObjectId(Date.from(NOW.minus(Duration.ofDays(3))));
		write("galleries", id, List.of(CDN + KEYS.get(1)), null, IN_WINDOW);
		write("archives", id, List.of(CDN + KEYS.get(0)), null, IN_WINDOW);
		catchUpAndCheck();
		// now what the catch-up reads of both is the same, byte for byte
		write("galleries", id, List.of(CDN + KEYS.get(0)), null, IN_WINDOW);
		catchUpAndCheck();
		catchUpAndCheck();
		assertThat(this.references.count(KEYS.get(0))).isEqualTo(2);
		// the gallery, due: the archive still shows its image
		assertThat(this.references.unshared("galleries", Map.of(id, Set.of(KEYS.get(0))))).isEmpty();

		// the gallery, purged, takes its own reference away
		hardDelete("galleries", id);
		catchUpAndCheck();
		assertThat(this.references.count(KEYS.get(0))).isEqualTo(1);
		assertThat(this.references.unshared("archives", Map.of(id, Set.of(KEYS.get(0))))).containsExactly(KEYS.get(0));
	}

	@Test
	void aDocumentChangedOnlyPastItsFirstBytesShowsItsNewKeys() {
		// a long string _id fills the bytes a document is hashed by, and the new image
		// keeps the document's length
		String id = "imported-from-the-old-cms-gallery-0000000001";
		write("galleries", id, List.of(CDN + KEYS.get(0)), null, IN_WINDOW);
		catchUpAndCheck();
		write("galleries", id, List.of(CDN + KEYS.get(1)), null, IN_WINDOW);
		catchUpAndCheck();
		assertThat(this.references.count(KEYS.get(0))).isZero();
		assertThat(this.references.count(KEYS.get(1))).isEqualTo(1);
	}

	@Test
	void overManyCatchUpsEveryKeyCountsTheDocumentsAsLastRead() {
		Random random = new Random(20261205L);
		List<Object> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			ids.add(new ObjectId(Date.from(NOW.minus(Duration.ofDays(3)))));
			ids.add(String.format("imported-from-the-old-cms-gallery-%010d", i));
		}
		for (int round = 0; round < 60; round++) {
			for (int change = 0; change < 4; change++) {
				String collection = COLLECTIONS.get(random.nextInt(COLLECTIONS.size()));
				Object id = ids.get(random.nextInt(ids.size()));
				Document stored = collection(collection).find(Filters.eq("_id", id)).first();
				switch (random.nextInt(5)) {
					// edited in place, updated_at left as it was
					case 0 -> {
						if (stored != null) {
							write(collection, id, randomKeys(random), randomCover(random),
									stored.getDate("updated_at"));
						}
					}
					case 1 -> collection(collection).updateOne(Filters.eq("_id", id),
							Updates.set("updated_at", random.nextBoolean() ? IN_WINDOW : OUT_OF_WINDOW));
					// deleted by the CMS and written again with the same _id
					case 2 -> {
						collection(collection).deleteOne(Filters.eq("_id", id));
						write(collection, id, randomKeys(random), randomCover(random), IN_WINDOW);
					}
					case 3 -> {
						if (stored != null) {
							hardDelete(collection, id);
						}
					}
					default -> {
						// nothing written: the catch-up reads the same bytes again
					}
				}
			}
			catchUpAndCheck();
		}
		assertThat(this.lastRead).isNotEmpty();
	}

	/**
	 * Catches up, and checks every key's count against the documents as that catch-up
	 * read them: those in the window as they are now, any other as read before.
	 */
	private void catchUpAndCheck() {
		this.references.catchUp();
		for (String collection : COLLECTIONS) {
			for (Document document : collection(collection).find(Filters.gte("updated_at", IN_WINDOW))) {
				Set<String> keys = new LinkedHashSet<>();
				document.getList("images", Document.class).forEach(image -> keys.add(key(image.getString("url"))));
				if (document.getString("cover") != null) {
					keys.add(key(document.getString("cover")));
				}
				this.lastRead.put(new References.DocumentId(collection, document.get("_id")), keys);
			}
		}
		for (String key : KEYS) {
			long showing = this.lastRead.values().stream().filter(keys -> keys.contains(key)).count();
			assertThat(this.references.count(key)).as("documents showing %s", key).isEqualTo(showing);
		}
	}

	/** Purged: gone from MongoDB, then its references taken away. */
	private void hardDelete(String collection, Object id) {
		collection(collection).deleteOne(Filters.eq("_id", id));
		Set<String> keys = this.lastRead.remove(new References.DocumentId(collection, id));
		this.references.hardDeleted(collection, Map.of(id, (keys != null) ? keys : Set.of()));
	}

	private void write(String collection, Object id, List<String> urls, String cover, Date updatedAt) {
		Document document = new Document("_id", id).append("updated_at", updatedAt)
			.append("images", urls.stream().map(url -> new Document("url", url)).toList());
		if (cover != null) {
			document.append("cover", cover);
		}
		collection(collection).replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
	}

	/** One to three URLs, in either form, a key possibly shown twice. */
	private static List<String> randomKeys(Random random) {
		List<String> urls = new ArrayList<>();
		for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
			String key = KEYS.get(random.nextInt(KEYS.size()));
			urls.add(random.nextBoolean() ? CDN + key : "s3://media/" + key);
		}
		return urls;
	}

	private static String randomCover(Random random) {
		return random.nextBoolean() ? null : CDN + KEYS.get(random.nextInt(KEYS.size()));
	}

	private static String key(String url) {
		return url.startsWith(CDN) ? url.substring(CDN.length()) : url.substring("s3://media/".length());
	}

	private MongoCollection<Document> collection(String name) {
		return this.mongo.getCollection(name);
	}

	private References references() {
		Map<Long, Integer> counts = new HashMap<>();
		KEYS.forEach(key -> counts.put(ReferenceIndex.digest(key), 0));
		return new References(new ReferenceIndex(new KeyFilter(1), counts), FlaggedPairs.none(),
				new WrittenDocuments(this.mongo, this.catalogue, this.resolver), NOW, Duration.ofHours(1),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static ContentTypeSpec contentType(String collection) {
		return new ContentTypeSpec(collection, collection, "_id", "is_deleted", "deleted_at",
				List.of(ImagePath.parse("images[].url"), ImagePath.parse("cover")), "test:" + collection, "updated_at");
	}

}
