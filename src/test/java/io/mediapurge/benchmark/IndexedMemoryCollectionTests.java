package io.mediapurge.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonTimestamp;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.references.CatchUpFixtures;
import io.mediapurge.references.WrittenSince;
import io.mediapurge.support.EmbeddedMongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The benchmark's MongoDB server narrows filters from indexes
 * ({@link IndexedMemoryCollection}); these tests hold it to the in-process server's own
 * scan: the same documents in the same order for every filter of the shapes the job sends
 * (catch-up, claim, read-back) and shapes it must not narrow, over documents of every
 * {@code _id} and {@code updated_at} form, while documents are inserted, updated and
 * deleted.
 */
class IndexedMemoryCollectionTests {

	private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

	private static final ContentTypeSpec SPEC = CatchUpFixtures.galleries("galleries");

	private static ExaminingMongoBackend indexedBackend;

	private static EmbeddedMongo scanning;

	private static EmbeddedMongo indexed;

	private static MongoClient scanningClient;

	private static MongoClient indexedClient;

	@BeforeAll
	static void start() {
		scanning = new EmbeddedMongo(new MemoryBackend());
		indexedBackend = new ExaminingMongoBackend();
		indexed = new EmbeddedMongo(indexedBackend);
		scanningClient = MongoClients.create(scanning.uri("cms"));
		indexedClient = MongoClients.create(indexed.uri("cms"));
	}

	@AfterAll
	static void stop() {
		scanningClient.close();
		indexedClient.close();
		scanning.close();
		indexed.close();
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })
	void everyAnswerIsTheScansInTheSameOrderWhileDocumentsChange(int seed) {
		Random random = new Random(seed);
		MongoCollection<Document> scan = scanningClient.getDatabase("cms").getCollection("random" + seed);
		MongoCollection<Document> narrowed = indexedClient.getDatabase("cms").getCollection("random" + seed);
		List<Object> ids = new ArrayList<>();
		for (int step = 0; step < 600; step++) {
			int operation = random.nextInt(20);
			if (operation < 8 || ids.size() < 5) {
				Document document = document(random);
				ids.add(document.get("_id"));
				scan.insertOne(document);
				narrowed.insertOne(document);
			}
			else if (operation < 10) {
				Bson filter = filter(random, ids);
				Object updatedAt = updatedAt(random);
				Bson update = "missing".equals(updatedAt) ? Updates.unset("updated_at")
						: Updates.set("updated_at", updatedAt);
				UpdateResult expected = scan.updateMany(filter, update);
				assertThat(narrowed.updateMany(filter, update)).as("update %s", filter).isEqualTo(expected);
			}
			else if (operation < 11) {
				Bson filter = filter(random, ids);
				Bson update = Updates.set("updated_at", Date.from(instant(random)));
				FindOneAndUpdateOptions newest = new FindOneAndUpdateOptions().sort(new Document("_id", -1));
				assertThat(narrowed.findOneAndUpdate(filter, update, newest)).as("findOneAndUpdate %s", filter)
					.isEqualTo(scan.findOneAndUpdate(filter, update, newest));
			}
			else if (operation < 12) {
				Bson filter = Filters.and(filter(random, ids), Filters.eq("n", random.nextInt(4)));
				DeleteResult expected = scan.deleteMany(filter);
				assertThat(narrowed.deleteMany(filter)).as("delete %s", filter).isEqualTo(expected);
			}
			else {
				Bson filter = filter(random, ids);
				boolean sorted = random.nextBoolean();
				int skip = random.nextInt(3);
				int limit = random.nextInt(4);
				assertThat(find(narrowed, filter, sorted, skip, limit)).as("find %s", filter)
					.isEqualTo(find(scan, filter, sorted, skip, limit));
				assertThat(narrowed.countDocuments(filter)).as("count %s", filter)
					.isEqualTo(scan.countDocuments(filter));
			}
		}
		assertThat(find(narrowed, new Document(), false, 0, 0)).isEqualTo(find(scan, new Document(), false, 0, 0));
	}

	@Test
	void aTypeTheServerDoesNotKnowIsTheScansErrorNotAnEmptyAnswer() {
		MongoCollection<Document> scan = scanningClient.getDatabase("cms").getCollection("unknown-type");
		MongoCollection<Document> narrowed = indexedClient.getDatabase("cms").getCollection("unknown-type");
		Document dated = new Document("_id", new ObjectId()).append("updated_at", Date.from(NOW));
		scan.insertOne(dated);
		narrowed.insertOne(dated);
		Bson unknown = Filters.eq("updated_at", new Document("$type", "bogus"));

		assertThatExceptionOfType(MongoException.class).isThrownBy(() -> scan.find(unknown).first());
		assertThatExceptionOfType(MongoException.class).isThrownBy(() -> narrowed.find(unknown).first());
	}

	@Test
	void aClaimExaminesOnlyTheChunksDocuments() {
		MongoCollection<Document> galleries = indexedClient.getDatabase("cms").getCollection("claimed");
		List<ObjectId> chunk = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			ObjectId id = new ObjectId();
			galleries.insertOne(new Document("_id", id).append("is_deleted", true));
			if (i % 100 == 0) {
				chunk.add(id);
			}
		}
		indexedBackend.reset();

		Document condition = new Document("$gte", chunk.get(0)).append("$lte", chunk.get(chunk.size() - 1))
			.append("$in", chunk);
		long claimed = galleries
			.updateMany(new Document("_id", condition).append("is_deleted", true), Updates.set("claim", "c1"))
			.getModifiedCount();

		assertThat(claimed).isEqualTo(10);
		assertThat(indexedBackend.figures()).containsEntry("claim", "1/10/10");
		assertThat(indexedBackend.handlerMillis()).containsOnlyKeys(indexedBackend.figures().keySet())
			.hasEntrySatisfying("claim", millis -> assertThat(millis).matches("\\d+/\\d+"));
	}

	@Test
	void aCatchUpExaminesOnlyTheDocumentsWrittenSinceNotTheCollection() {
		MongoCollection<Document> galleries = indexedClient.getDatabase("cms").getCollection("examined");
		for (int i = 0; i < 1_000; i++) {
			Instant written = NOW.minus(Duration.ofDays(30)).plusSeconds(i);
			galleries.insertOne(
					new Document("_id", new ObjectId(Date.from(written))).append("updated_at", Date.from(written)));
		}
		Instant since = NOW.minus(Duration.ofDays(30)).plusSeconds(990);
		indexedBackend.reset();

		List<Document> found = galleries.find(WrittenSince.criteria(SPEC, since).getCriteriaObject())
			.into(new ArrayList<>());

		assertThat(found).hasSize(10);
		assertThat(indexedBackend.figures()).containsEntry("catch-up-find", "1/10/10");
	}

	private static List<Document> find(MongoCollection<Document> collection, Bson filter, boolean sorted, int skip,
			int limit) {
		FindIterable<Document> found = collection.find(filter).skip(skip).limit(limit);
		return (sorted ? found.sort(new Document("_id", 1)) : found).into(new ArrayList<>());
	}

	private static Document document(Random random) {
		Object id = switch (random.nextInt(10)) {
			case 0 -> "text-" + random.nextInt(1_000_000);
			case 1 -> random.nextInt(1_000_000);
			// ObjectIds whose first byte is 0x80 or more (times after 2038): unsigned
			// order
			case 2 -> new ObjectId(String.format("%08x%016x", 0x80000000L + random.nextInt(1 << 20),
					random.nextLong() & Long.MAX_VALUE));
			default -> new ObjectId(Date.from(instant(random)));
		};
		Document document = new Document("_id", id).append("n", random.nextInt(4))
			.append("is_deleted", random.nextBoolean());
		Object updatedAt = updatedAt(random);
		if (!"missing".equals(updatedAt)) {
			document.append("updated_at", updatedAt);
		}
		return document;
	}

	private static Object updatedAt(Random random) {
		return switch (random.nextInt(12)) {
			case 0 -> "missing";
			case 1 -> instant(random).toString();
			case 2 -> instant(random).toEpochMilli();
			case 3 -> new BsonTimestamp((int) instant(random).getEpochSecond(), 1);
			case 4 -> List.of(Date.from(instant(random)), Date.from(instant(random)));
			case 5 -> new Document("at", Date.from(instant(random)));
			default -> Date.from(instant(random));
		};
	}

	/** One of 500 seconds over ten days, so that documents and bounds share times. */
	private static Instant instant(Random random) {
		return NOW.minusSeconds(random.nextInt(500) * 1_728L);
	}

	private static Bson filter(Random random, List<Object> ids) {
		Instant since = instant(random);
		ObjectId sinceId = new ObjectId(Date.from(since));
		Object existing = ids.get(random.nextInt(ids.size()));
		return switch (random.nextInt(12)) {
			case 11 -> new Document("_id", new Document("$gte", existing)).append("n", random.nextInt(4));
			case 0, 1 -> WrittenSince.criteria(SPEC, since).getCriteriaObject();
			case 2 -> Filters.gte("_id", sinceId);
			case 3 -> Filters.gt("_id", sinceId);
			case 4 -> claim(random, ids);
			case 5 -> Filters.eq("_id", ids.get(random.nextInt(ids.size())));
			case 6 -> Filters.in("_id", sample(random, ids));
			case 7 -> Filters.gte("updated_at", Date.from(since));
			case 8 -> random.nextBoolean() ? Filters.type("updated_at", "date")
					: Filters.type("updated_at", BsonType.DATE_TIME);
			case 9 -> Filters.or(Filters.gte("_id", sinceId), Filters.eq("is_deleted", true));
			default -> Filters.and(Filters.eq("is_deleted", true), Filters.type("updated_at", "string"));
		};
	}

	/** The shape of a chunk's claim: {@code _id} range and list, and its conditions. */
	private static Bson claim(Random random, List<Object> ids) {
		List<ObjectId> chunk = new ArrayList<>(
				sample(random, ids).stream().filter(ObjectId.class::isInstance).map(ObjectId.class::cast).toList());
		chunk.add(new ObjectId(Date.from(instant(random))));
		chunk.sort(null);
		Document condition = new Document("$gte", chunk.get(0)).append("$lte", chunk.get(chunk.size() - 1))
			.append("$in", chunk);
		return new Document("_id", condition).append("is_deleted", true);
	}

	private static List<Object> sample(Random random, List<Object> ids) {
		List<Object> sample = new ArrayList<>();
		for (int i = random.nextInt(8); i >= 0; i--) {
			sample.add(ids.get(random.nextInt(ids.size())));
		}
		return sample;
	}

}
