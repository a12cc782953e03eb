package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * References count per document: a document written since the snapshot counts with the
 * keys it shows now and takes away only its own when hard-deleted.
 */
class ReferencesTests {

	private final Map<References.DocumentId, Set<Long>> written = new HashMap<>();

	@Test
	void aDueDocumentTheSnapshotNeverSawCannotMakeAKeyOfALivePageLookUnshared() {
		// the snapshot saw one live page showing the logo, and a due gallery g1
		References references = references(live("articles", "page", "shared/logo.jpg"),
				due("galleries", "g1", "galleries/g1.jpg"));
		// written since, already due: an import showing the logo
		this.written.put(new References.DocumentId("galleries", "imported"),
				Set.of(ReferenceIndex.digest("shared/logo.jpg"), ReferenceIndex.digest("galleries/imported.jpg")));
		references.catchUp();

		assertThat(references.unshared("galleries",
				Map.of("imported", Set.of("shared/logo.jpg", "galleries/imported.jpg"))))
			.containsExactly("galleries/imported.jpg");
		assertThat(references.unshared("galleries", Map.of("g1", Set.of("galleries/g1.jpg"))))
			.containsExactly("galleries/g1.jpg");

		// hard-deleted, the import takes away its own reference only
		references.hardDeleted("galleries", Map.of("imported", Set.of("shared/logo.jpg", "galleries/imported.jpg")));
		this.written.clear();
		references.catchUp();
		assertThat(references.count("shared/logo.jpg")).isEqualTo(1);
	}

	@Test
	void aDueDocumentNeitherCaughtUpNorInTheSnapshotTakesNothingAwayFromALivePage() {
		// the snapshot saw live article L showing the image once; the import below, with
		// a string _id and no updated_at, is neither in the snapshot nor caught up
		References references = references(live("articles", "L", "galleries/g1/a.jpg"));
		references.catchUp();

		assertThat(references.unshared("galleries", Map.of("legacy-42", Set.of("galleries/g1/a.jpg")))).isEmpty();
		references.hardDeleted("galleries", Map.of("legacy-42", Set.of("galleries/g1/a.jpg")));
		assertThat(references.count("galleries/g1/a.jpg")).isEqualTo(1);
	}

	@Test
	void aDueDocumentNeitherCaughtUpNorInTheSnapshotDoesNotLowerAnExactCount() {
		References references = references(live("articles", "a", "shared/logo.jpg"),
				live("articles", "b", "shared/logo.jpg"));

		references.hardDeleted("galleries", Map.of("legacy-42", Set.of("shared/logo.jpg")));
		assertThat(references.count("shared/logo.jpg")).isEqualTo(2);
		references.hardDeleted("galleries", Map.of(42, Set.of("shared/logo.jpg")));
		assertThat(references.unshared("galleries", Map.of("legacy-43", Set.of("shared/logo.jpg")))).isEmpty();
	}

	@Test
	void aDueDocumentTheSnapshotCountedTakesAwayItsOwnReferencesOnceOnly() {
		References references = references(live("articles", "L", "shared/logo.jpg"),
				due("galleries", "legacy-42", "shared/logo.jpg"), due("galleries", 7, "galleries/seven.jpg"));
		assertThat(references.count("shared/logo.jpg")).isEqualTo(2);
		// the same _id as the snapshot saw, however the number is read
		assertThat(references.unshared("galleries", Map.of(7L, Set.of("galleries/seven.jpg"))))
			.containsExactly("galleries/seven.jpg");
		// same _id in another collection: not the document the snapshot counted
		assertThat(references.unshared("articles", Map.of(7, Set.of("galleries/seven.jpg")))).isEmpty();
		assertThat(references.unshared("galleries", Map.of("legacy-42", Set.of("shared/logo.jpg")))).isEmpty();

		references.hardDeleted("galleries", Map.of("legacy-42", Set.of("shared/logo.jpg")));
		assertThat(references.count("shared/logo.jpg")).isEqualTo(1);
		// re-inserted under the same _id: its count is spent
		references.hardDeleted("galleries", Map.of("legacy-42", Set.of("shared/logo.jpg")));
		assertThat(references.count("shared/logo.jpg")).isEqualTo(1);
		assertThat(references.unshared("galleries", Map.of("legacy-42", Set.of("shared/logo.jpg")))).isEmpty();
	}

	@Test
	void aDocumentWrittenAgainCountsWithItsNewKeysOnly() {
		References references = references(due("galleries", "g2", "galleries/g2.jpg"));
		References.DocumentId live = new References.DocumentId("articles", "live");
		this.written.put(live, Set.of(ReferenceIndex.digest("galleries/g2.jpg")));
		references.catchUp();
		assertThat(references.unshared("galleries", Map.of("g2", Set.of("galleries/g2.jpg")))).isEmpty();

		this.written.put(live, Set.of(ReferenceIndex.digest("articles/other.jpg")));
		references.catchUp();
		assertThat(references.unshared("galleries", Map.of("g2", Set.of("galleries/g2.jpg"))))
			.containsExactly("galleries/g2.jpg");
	}

	@Test
	void aDocumentReadAgainWithTheSameKeysCountsOnce() {
		References references = references(due("galleries", "g3", "galleries/g3.jpg"));
		References.DocumentId live = new References.DocumentId("articles", "live");
		this.written.put(live, Set.of(ReferenceIndex.digest("galleries/g3.jpg")));
		// every catch-up reads its clock-skew window again
		references.catchUp();
		references.catchUp();
		references.catchUp();
		assertThat(references.count("galleries/g3.jpg")).isEqualTo(2);

		references.hardDeleted("articles", Map.of("live", Set.of("galleries/g3.jpg")));
		this.written.clear();
		references.catchUp();
		assertThat(references.count("galleries/g3.jpg")).isEqualTo(1);
		assertThat(references.unshared("galleries", Map.of("g3", Set.of("galleries/g3.jpg"))))
			.containsExactly("galleries/g3.jpg");
	}

	private References references(Counted... documents) {
		ReferenceIndex snapshot = ReferenceIndexBuilder.build(1000,
				consumer -> List.of(documents).forEach(document -> consumer.accept(digests(document.keys()))));
		FlaggedPairs.Builder flagged = new FlaggedPairs.Builder();
		for (Counted document : documents) {
			if (document.flagged()) {
				long id = FlaggedPairs.document(document.collection(), document.id());
				digests(document.keys()).forEach(digest -> flagged.add(id, digest));
			}
		}
		return new References(snapshot, flagged.build(), since -> Map.copyOf(this.written), Instant.now(),
				Duration.ofMinutes(5), Clock.systemUTC());
	}

	private static Set<Long> digests(Set<String> keys) {
		return Set.copyOf(keys.stream().map(ReferenceIndex::digest).toList());
	}

	private static Counted live(String collection, Object id, String... keys) {
		return new Counted(collection, id, false, Set.of(keys));
	}

	private static Counted due(String collection, Object id, String... keys) {
		return new Counted(collection, id, true, Set.of(keys));
	}

	/** A document the snapshot counted. */
	private record Counted(String collection, Object id, boolean flagged, Set<String> keys) {
	}

}
