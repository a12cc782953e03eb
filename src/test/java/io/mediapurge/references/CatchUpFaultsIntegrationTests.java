package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.exception.CursorNotFoundException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.faults.MongoFaultProxy;

/**
 * A catch-up whose read is cut between two batches (through a proxy in front of the
 * in-process MongoDB server), or whose cursor the server lost: it fails with an exception
 * the purge step's retry policy retries, counts nothing of what it read, and the next
 * catch-up reads every document of its window as it is then.
 */
class CatchUpFaultsIntegrationTests {

	private static final String CDN = CatchUpFixtures.CDN;

	private static final String LOGO = "shared/logo.jpg";

	private static final int DOCUMENTS = 2_500;

	private final CursorLosingBackend backend = new CursorLosingBackend();

	private final EmbeddedMongo server = new EmbeddedMongo(this.backend);

	private final MongoFaultProxy proxy = proxy(this.server);

	private final MongoClient client = MongoClients.create(this.proxy.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ContentCatalogue catalogue = CatchUpFixtures.galleries();

	private final ImageUrlResolver resolver = CatchUpFixtures.resolver();

	@AfterEach
	void close() throws Exception {
		this.client.close();
		this.proxy.close();
		this.server.close();
	}

	@Test
	void aCatchUpCutBetweenTwoBatchesFailsRetryablyCountsNothingAndTheNextReadsEveryDocument() {
		List<ObjectId> ids = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			ids.add(insert(CDN + "galleries/" + i + ".jpg"));
		}
		References references = references();
		references.catchUp();
		assertThat(references.count(LOGO)).isZero();

		// documents of the second and last batches now show the logo
		setImages(ids.get(1_500), CDN + LOGO);
		setImages(ids.get(2_400), "s3://media/" + LOGO);
		// a getMore's name carries its cursor, a number: it is found by its string field
		// collection
		this.proxy.cutOnCommand("collection", 0, 1, "getMore");
		assertThatThrownBy(references::catchUp)
			// what the purge step's retry policy retries
			.isInstanceOfAny(MongoSocketException.class, MongoTimeoutException.class,
					DataAccessResourceFailureException.class, TransientDataAccessException.class);
		assertThat(this.proxy.cuts()).isEqualTo(1);
		assertThat(references.count(LOGO)).isZero();
		assertThat(references.count("galleries/1500.jpg")).isEqualTo(1);

		// the step's retry
		references.catchUp();
		assertThat(references.count(LOGO)).isEqualTo(2);
		assertThat(references.count("galleries/1500.jpg")).isZero();
		assertThat(references.count("galleries/2400.jpg")).isZero();
		assertThat(references.count("galleries/2499.jpg")).isEqualTo(1);
		assertThat(references.unshared("galleries", Map.of(ids.get(1_500), List.of(LOGO)))).isEmpty();
	}

	@Test
	void aCatchUpWhoseCursorTheServerLostFailsRetryablyAndTheNextReadsEveryDocument() {
		List<ObjectId> ids = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			ids.add(insert(CDN + "galleries/" + i + ".jpg"));
		}
		References references = references();
		references.catchUp();

		setImages(ids.get(2_400), CDN + LOGO);
		// a failover, or the server's cursor timeout, between two batches
		this.backend.loseNextCursor.set(true);
		assertThatThrownBy(references::catchUp).isInstanceOfAny(MongoSocketException.class, MongoTimeoutException.class,
				DataAccessResourceFailureException.class, TransientDataAccessException.class);
		assertThat(this.backend.loseNextCursor).isFalse();
		assertThat(references.count(LOGO)).isZero();

		references.catchUp();
		assertThat(references.count(LOGO)).isEqualTo(1);
		assertThat(references.count("galleries/2400.jpg")).isZero();
	}

	private References references() {
		Map<Long, Integer> counts = new HashMap<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			counts.put(ReferenceIndex.digest("galleries/" + i + ".jpg"), 0);
		}
		counts.put(ReferenceIndex.digest(LOGO), 0);
		return new References(new ReferenceIndex(new KeyFilter(1), counts), FlaggedPairs.none(),
				new WrittenDocuments(this.mongo, this.catalogue, this.resolver),
				Instant.now().minus(Duration.ofMinutes(5)), Duration.ofMinutes(1), Clock.systemUTC());
	}

	private ObjectId insert(String url) {
		ObjectId id = new ObjectId();
		this.mongo.getCollection("galleries")
			.insertOne(new Document("_id", id).append("gallery_id", id.toHexString())
				.append("updated_at", new Date())
				.append("images", List.of(new Document("url", url))));
		return id;
	}

	private void setImages(ObjectId id, String url) {
		this.mongo.getCollection("galleries")
			.updateOne(Filters.eq("_id", id), Updates.set("images", List.of(new Document("url", url))));
	}

	/** The in-process server, which can answer a getMore as if it had lost the cursor. */
	private static final class CursorLosingBackend extends MemoryBackend {

		private final AtomicBoolean loseNextCursor = new AtomicBoolean();

		@Override
		protected de.bwaldvogel.mongo.bson.Document handleGetMore(String databaseName, String command,
				de.bwaldvogel.mongo.bson.Document query) {
			if (this.loseNextCursor.compareAndSet(true, false)) {
				throw new CursorNotFoundException(((Number) query.get(command)).longValue());
			}
			return super.handleGetMore(databaseName, command, query);
		}

	}

	private static MongoFaultProxy proxy(EmbeddedMongo server) {
		URI uri = URI.create(server.uri("cms"));
		try {
			return new MongoFaultProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the MongoDB fault proxy", ex);
		}
	}

}
