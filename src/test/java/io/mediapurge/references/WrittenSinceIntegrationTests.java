package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.support.EmbeddedMongo;

/**
 * The snapshot leaves a document to the catch-up only when the catch-up's query reads it:
 * {@link WrittenSince#matches} never says "written since" of a document that
 * {@link WrittenSince#criteria} does not find, whatever its {@code updated_at} holds.
 */
class WrittenSinceIntegrationTests {

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ContentTypeSpec spec = CatchUpFixtures.galleries("galleries");

	private final Instant since = Instant.now().minus(Duration.ofMinutes(5));

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void whatTheSnapshotLeavesToTheCatchUpTheCatchUpReads() {
		Date before = Date.from(this.since.minus(Duration.ofDays(30)));
		Date after = Date.from(this.since.plusSeconds(1));
		List<Object> values = new ArrayList<>(Arrays.asList(null, before, after, Date.from(this.since),
				"2020-01-01T00:00:00Z", 1577836800000L, 1577836800, 1.5778368E12, Decimal128.parse("1577836800000"),
				new BsonTimestamp(1577836800, 1), List.of(before, after), List.of(before), List.of("2020-01-01"),
				List.of(), new Document("$date", "2020-01-01T00:00:00Z"), new Document("at", after), true,
				new ObjectId(), new Binary(new byte[] { 1 })));
		List<ObjectId> ids = new ArrayList<>();
		// inserted long before: only updated_at can make them "written since"
		ObjectId old = new ObjectId(Date.from(this.since.minus(Duration.ofDays(60))));
		for (Object value : values) {
			ObjectId id = new ObjectId(old.getTimestamp(), ids.size());
			ids.add(id);
			Document document = new Document("_id", id).append("images", List.of());
			document.put("updated_at", value);
			this.mongo.getCollection("galleries").insertOne(document);
		}
		this.mongo.getCollection("galleries").insertOne(new Document("_id", new ObjectId(old.getTimestamp(), 999)));

		Set<Object> readByCatchUp = this.mongo
			.find(new Query(WrittenSince.criteria(this.spec, this.since)), Document.class, "galleries")
			.stream()
			.map(document -> document.get("_id"))
			.collect(Collectors.toSet());
		List<String> leftToTheCatchUpButNotRead = new ArrayList<>();
		for (Document document : this.mongo.getCollection("galleries").find()) {
			if (WrittenSince.matches(this.spec, document, this.since.getEpochSecond(), Date.from(this.since))
					&& !readByCatchUp.contains(document.get("_id"))) {
				leftToTheCatchUpButNotRead.add(String.valueOf(document.get("updated_at")));
			}
		}

		assertThat(leftToTheCatchUpButNotRead).isEmpty();
		assertThat(readByCatchUp).contains(ids.get(2), ids.get(3), ids.get(4), ids.get(5), ids.get(6), ids.get(7),
				ids.get(8), ids.get(9));
	}

}
