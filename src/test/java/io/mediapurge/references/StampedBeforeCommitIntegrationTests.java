package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

import io.mediapurge.support.EmbeddedMongo;

/**
 * A CMS stamps a write (the time in a new ObjectId, its {@code updated_at}) before the
 * write reaches MongoDB: a save stamped just before a catch-up began and committed just
 * after that catch-up read is a moment older than the next catch-up's lower bound when
 * the clock skew is shorter than that delay, even with every clock exact. The window must
 * cover it, or the live page is never read again and the image it shows looks unshared:
 * the least skew accepted covers a write retried after a failover, and a shorter one is
 * refused.
 */
class StampedBeforeCommitIntegrationTests {

	private static final String KEY = "shared/logo.jpg";

	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private Instant now = T0;

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return StampedBeforeCommitIntegrationTests.this.now;
		}

	};

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aSaveStampedBeforeACatchUpAndCommittedAfterItIsReadByTheNextAtTheLeastSkewAccepted() {
		// a due gallery, written long ago, is the only document showing the logo
		Instant longAgo = T0.minus(Duration.ofDays(3));
		insert(new ObjectId(Date.from(longAgo)), longAgo, true);
		References references = new ReferenceIndexBuilder(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver(),
				new ReferencesProperties(ReferencesProperties.MIN_CLOCK_SKEW, Duration.ZERO), this.clock)
			.snapshot("galleries");

		// the CMS stamps a new live gallery showing the logo (its ObjectId, its
		// updated_at) 45 seconds before a chunk's catch-up begins (a write retried after
		// a failover)...
		Instant stamped = T0.plusSeconds(60);
		this.now = stamped.plusSeconds(45);
		references.catchUp();
		// ...and the insert reaches MongoDB just after that catch-up read
		insert(new ObjectId(Date.from(stamped)), stamped, false);

		// the next chunk's catch-up, right before its deletes
		this.now = this.now.plusSeconds(3);
		references.catchUp();

		assertThat(references.unshared("galleries", Map.of(this.dueId, Set.of(KEY))))
			.as("the logo a live gallery shows must not look unshared")
			.isEmpty();
	}

	@Test
	void aSkewTooShortToCoverAWriteFromStampToCommitIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReferencesProperties(Duration.ZERO, Duration.ZERO))
			.withMessageContaining("clock-skew must be at least 1m, not PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReferencesProperties(Duration.ofSeconds(59), Duration.ZERO))
			.withMessageContaining("from stamping a write to its commit");
		assertThat(new ReferencesProperties(Duration.ofMinutes(1), Duration.ZERO).clockSkew())
			.isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aRecheckAfterThatWouldLeaveANewReferenceUnseenForLongIsRefused() {
		Duration skew = ReferencesProperties.DEFAULT_CLOCK_SKEW;
		assertThatIllegalArgumentException().isThrownBy(() -> new ReferencesProperties(skew, Duration.ofHours(1)))
			.withMessageContaining("recheck-after must be between 0 and 1m, not PT1H");
		assertThatIllegalArgumentException().isThrownBy(() -> new ReferencesProperties(skew, Duration.ofMillis(-1)))
			.withMessageContaining("recheck-after must be between 0 and 1m");
		assertThat(new ReferencesProperties(skew, Duration.ofMinutes(1)).recheckAfter())
			.isEqualTo(Duration.ofMinutes(1));
	}

	private Object dueId;

	private void insert(ObjectId id, Instant updatedAt, boolean due) {
		Document document = new Document("_id", id).append("gallery_id", id.toHexString())
			.append("updated_at", Date.from(updatedAt))
			.append("images", List.of(new Document("url", CatchUpFixtures.CDN + KEY)));
		if (due) {
			document.append("is_deleted", true).append("deleted_at", Date.from(updatedAt));
			this.dueId = id;
		}
		this.mongo.getCollection("galleries").insertOne(document);
	}

}
