package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

/**
 * The galleries of a fault scenario, written straight to the in-process servers (never
 * through a fault proxy), and the checks of the exact end state: which documents are
 * purged, which stay flagged with which attempts and reason, which keys remain, and the
 * rule that nothing is lost.
 */
final class FaultFixture {

	private static MongoClient client;

	/** What a gallery of the fixture is. */
	enum Kind {

		DUE, LIVE, IN_GRACE

	}

	private record Gallery(Kind kind, List<String> keys) {
	}

	/** A document expected to stay flagged: its attempts and a part of its last error. */
	record Blocked(int attempts, String error) {
	}

	private final Map<String, Gallery> galleries = new LinkedHashMap<>();

	private final EmbeddedS3 s3 = TestServers.s3();

	static synchronized MongoDatabase database() {
		if (client == null) {
			client = MongoClients.create(TestServers.mongo().uri("cms"));
		}
		return client.getDatabase("cms");
	}

	static MongoCollection<Document> galleries() {
		return database().getCollection("galleries");
	}

	/** Empties the collections and the bucket. */
	static void clear() {
		for (String name : List.of("galleries", "articles", "theater_releases", "ott_releases")) {
			database().getCollection(name).deleteMany(new Document());
		}
		TestServers.s3().clear();
	}

	FaultFixture add(Kind kind, String id, String... keys) {
		this.galleries.put(id, new Gallery(kind, List.of(keys)));
		return this;
	}

	/**
	 * The usual fixture: two due galleries (one sharing an image with a live gallery), a
	 * live one and one in its grace period.
	 */
	static FaultFixture standard() {
		return new FaultFixture().add(Kind.DUE, "g1", "galleries/g1/1.jpg", "galleries/g1/2.jpg")
			.add(Kind.DUE, "g2", "galleries/g2/1.jpg", "galleries/live/shared.jpg")
			.add(Kind.LIVE, "live", "galleries/live/shared.jpg", "galleries/live/own.jpg")
			.add(Kind.IN_GRACE, "recent", "galleries/recent/1.jpg");
	}

	FaultFixture insert() {
		Set<String> keys = new TreeSet<>();
		this.galleries.forEach((id, gallery) -> {
			keys.addAll(gallery.keys());
			Document document = gallery(id, gallery.keys().stream().map(key -> cdnUrl(key)).toArray(String[]::new));
			galleries().insertOne(switch (gallery.kind()) {
				case DUE -> due(document);
				case LIVE -> document;
				case IN_GRACE -> flagged(document, Duration.ofHours(1));
			});
		});
		this.s3.put(keys.toArray(String[]::new));
		return this;
	}

	/** All keys that only documents expected to be purged show. */
	Set<String> keysOf(Set<String> ids) {
		Set<String> keys = new TreeSet<>();
		ids.forEach(id -> keys.addAll(this.galleries.get(id).keys()));
		this.galleries.forEach((id, gallery) -> {
			if (!ids.contains(id)) {
				keys.removeAll(gallery.keys());
			}
		});
		return keys;
	}

	Set<String> allKeys() {
		Set<String> keys = new TreeSet<>();
		this.galleries.values().forEach(gallery -> keys.addAll(gallery.keys()));
		return keys;
	}

	/**
	 * Asserts the exact end state.
	 * @param purged galleries hard-deleted
	 * @param blocked galleries left flagged by the run, with their attempts and reason
	 * @param remainingKeys the bucket's exact keys
	 */
	void assertEndState(Set<String> purged, Map<String, Blocked> blocked, Set<String> remainingKeys) {
		for (Map.Entry<String, Gallery> entry : this.galleries.entrySet()) {
			String id = entry.getKey();
			Document stored = galleries().find(Filters.eq("gallery_id", id)).first();
			if (purged.contains(id)) {
				assertThat(stored).as("gallery %s purged", id).isNull();
				continue;
			}
			assertThat(stored).as("gallery %s kept", id).isNotNull();
			assertThat(stored.get("is_deleted")).as("gallery %s flag", id)
				.isEqualTo(entry.getValue().kind() == Kind.LIVE ? null : true);
			Blocked expected = blocked.get(id);
			if (expected == null) {
				// a due document may keep the claim of a failed step; nothing else may
				// touch it
				assertThat(stored).as("gallery %s not blocked", id)
					.doesNotContainKeys("purge_attempts", "purge_last_error", "purge_quarantined_at");
				if (entry.getValue().kind() != Kind.DUE) {
					assertThat(stored).as("gallery %s untouched", id)
						.doesNotContainKeys("purge_claim", "purge_claimed_at");
				}
			}
			else {
				assertThat(stored.getInteger("purge_attempts")).as("gallery %s attempts", id)
					.isEqualTo(expected.attempts());
				assertThat(stored.getString("purge_last_error")).as("gallery %s last error", id)
					.contains(expected.error());
				assertThat(stored.get("purge_claimed_at")).as("gallery %s stays claimed", id).isNotNull();
			}
		}
		assertThat(this.s3.keys()).as("keys left in the bucket")
			.containsExactlyElementsOf(new TreeSet<>(remainingKeys));
		assertNothingLost();
	}

	/**
	 * The rule of every scenario: a gallery is gone only if all its images are gone (but
	 * those that a gallery still stored shows), and no image that a live or in-grace
	 * gallery shows is ever deleted.
	 */
	void assertNothingLost() {
		Set<String> inBucket = new HashSet<>(this.s3.keys());
		List<String> lost = new ArrayList<>();
		Set<String> kept = new HashSet<>();
		this.galleries.forEach((id, gallery) -> {
			if (galleries().find(Filters.eq("gallery_id", id)).first() != null) {
				kept.addAll(gallery.keys());
			}
		});
		int images = 0;
		for (Map.Entry<String, Gallery> entry : this.galleries.entrySet()) {
			Gallery gallery = entry.getValue();
			boolean gone = galleries().find(Filters.eq("gallery_id", entry.getKey())).first() == null;
			for (String key : gallery.keys()) {
				images++;
				if (gone && inBucket.contains(key) && !kept.contains(key)) {
					lost.add("gallery " + entry.getKey() + " hard-deleted while its image " + key + " remains");
				}
				if (gallery.kind() != Kind.DUE && !inBucket.contains(key)) {
					lost.add("image " + key + " of kept gallery " + entry.getKey() + " deleted");
				}
			}
		}
		FaultFigures.checked(this.galleries.size(), images, lost.size());
		assertThat(lost).as("nothing lost").isEmpty();
	}

}
