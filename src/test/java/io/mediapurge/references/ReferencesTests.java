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
		References references = references(List.of(Set.of("shared/logo.jpg"), Set.of("galleries/g1.jpg")));
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
	void aDocumentWrittenAgainCountsWithItsNewKeysOnly() {
		References references = references(List.of(Set.of("galleries/g2.jpg")));
		References.DocumentId live = new References.DocumentId("articles", "live");
		this.written.put(live, Set.of(ReferenceIndex.digest("galleries/g2.jpg")));
		references.catchUp();
		assertThat(references.unshared("galleries", Map.of("g2", Set.of("galleries/g2.jpg")))).isEmpty();

		this.written.put(live, Set.of(ReferenceIndex.digest("articles/other.jpg")));
		references.catchUp();
		assertThat(references.unshared("galleries", Map.of("g2", Set.of("galleries/g2.jpg"))))
			.containsExactly("galleries/g2.jpg");
	}

	private References references(List<Set<String>> documents) {
		ReferenceIndex snapshot = ReferenceIndexBuilder.build(1000, consumer -> documents
			.forEach(keys -> consumer.accept(Set.copyOf(keys.stream().map(ReferenceIndex::digest).toList()))));
		return new References(snapshot, since -> Map.copyOf(this.written), Instant.now(), Duration.ofMinutes(5),
				Clock.systemUTC());
	}

}
