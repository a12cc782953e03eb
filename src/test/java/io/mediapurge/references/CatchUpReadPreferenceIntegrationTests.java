package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;

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

	private final ReadPreferenceRecordingTemplate mongo = ReadPreferenceRecordingTemplate.secondaryPreferred();

	@AfterEach
	void close() {
		this.mongo.close();
	}

	@Test
	void theCatchUpBeforeADeleteReadsFromThePrimaryWhateverTheClientDefault() {
		CatchUpFixtures.insertGallery(this.mongo, "galleries/g1/a.jpg");
		WrittenDocuments written = new WrittenDocuments(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver());

		assertThat(written.apply(Instant.now().minus(Duration.ofMinutes(5)))).hasSize(1);

		assertThat(this.mongo.readPreferences).isNotEmpty().containsOnly(ReadPreference.primary());
	}

	@Test
	void theSnapshotReadsFromThePrimaryWhateverTheClientDefault() {
		CatchUpFixtures.insertGallery(this.mongo, "galleries/g1/a.jpg");
		ReferenceIndexBuilder builder = new ReferenceIndexBuilder(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver());

		builder.snapshot("galleries");

		assertThat(this.mongo.readPreferences).isNotEmpty().containsOnly(ReadPreference.primary());
	}

}
