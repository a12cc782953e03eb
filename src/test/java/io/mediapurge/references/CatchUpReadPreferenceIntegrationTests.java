package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.ReadPreferenceRecordingTemplate;

/**
 * The reads that decide whether a key is still shown must see every write the CMS has
 * been told succeeded. A connection string may ask for reads from secondaries (common for
 * batch jobs, to spare the primary): a secondary lags, so a catch-up read there right
 * before a chunk's deletes would miss a live page saved a moment ago on the primary, and
 * its image would be deleted. The claim is read back from the primary for the same
 * reason; the reference reads must be too, whatever the client's default.
 */
class CatchUpReadPreferenceIntegrationTests {

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients
		.create(this.server.uri("cms") + "?readPreference=secondaryPreferred");

	private final ReadPreferenceRecordingTemplate mongo = new ReadPreferenceRecordingTemplate(this.client, "cms");

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void theCatchUpBeforeADeleteReadsFromThePrimaryWhateverTheClientDefault() {
		insert("galleries/g1/a.jpg");
		WrittenDocuments written = new WrittenDocuments(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver());

		assertThat(written.apply(Instant.now().minus(Duration.ofMinutes(5)))).hasSize(1);

		assertThat(this.mongo.readPreferences).isNotEmpty().containsOnly(ReadPreference.primary());
	}

	@Test
	void theSnapshotReadsFromThePrimaryWhateverTheClientDefault() {
		insert("galleries/g1/a.jpg");
		ReferenceIndexBuilder builder = new ReferenceIndexBuilder(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver());

		builder.snapshot();

		assertThat(this.mongo.readPreferences).isNotEmpty().containsOnly(ReadPreference.primary());
	}

	private void insert(String key) {
		ObjectId id = new ObjectId();
		this.mongo.getCollection("galleries")
			.insertOne(new Document("_id", id).append("gallery_id", id.toHexString())
				.append("updated_at", new Date())
				.append("images", List.of(new Document("url", CatchUpFixtures.CDN + key))));
	}

}
