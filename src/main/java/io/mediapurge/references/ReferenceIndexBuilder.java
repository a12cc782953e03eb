package io.mediapurge.references;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageUrlResolver;

/**
 * Builds a {@link ReferenceIndex} by streaming the image fields of every document of
 * every content type, in two passes: the first puts every key into the filter of keys
 * seen and notes those it may have seen before; the second counts exactly how many
 * documents show each noted key (a pass that is skipped when none was noted). URLs are
 * read maximally ({@link ImageUrlResolver#referencedKeys}): every key any URL form or
 * encoding can name counts, so a live page that shows an image through the CDN keeps it
 * even when the soft-deleted page used the S3 URL.
 *
 * <p>
 * It also reads the documents written since a moment, for {@link References#catchUp()}.
 */
public class ReferenceIndexBuilder {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceIndexBuilder.class);

	/**
	 * Keys per document the filter is sized for (more only raises its false positives,
	 * which cost an exact count each, never a wrong answer).
	 */
	private static final int EXPECTED_KEYS_PER_DOCUMENT = 8;

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	private final Duration clockSkew;

	private final Clock clock;

	public ReferenceIndexBuilder(MongoOperations mongo, ContentCatalogue catalogue, ImageUrlResolver resolver) {
		this(mongo, catalogue, resolver, new ReferencesProperties(ReferencesProperties.DEFAULT_CLOCK_SKEW,
				ReferencesProperties.DEFAULT_RECHECK_AFTER), Clock.systemUTC());
	}

	public ReferenceIndexBuilder(MongoOperations mongo, ContentCatalogue catalogue, ImageUrlResolver resolver,
			ReferencesProperties properties, Clock clock) {
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.resolver = resolver;
		this.clockSkew = properties.clockSkew();
		this.clock = clock;
	}

	/**
	 * Counts who shows which key now, in every collection, for one step execution that
	 * purges one collection. Records the pairs of flagged documents of that collection
	 * only: the step asks about no other document (a flagged document elsewhere still
	 * counts, and so keeps its keys shown; it just cannot take a count away here).
	 * @param purged the collection the step purges
	 * @return the references, caught up from the moment this began
	 */
	public References snapshot(String purged) {
		Instant started = this.clock.instant();
		Snapshot snapshot = build(started.minus(this.clockSkew), purged);
		return new References(snapshot.index(), snapshot.flagged(), writtenDocuments(), started, this.clockSkew,
				this.clock);
	}

	/**
	 * Counts exactly how many documents show each of these keys now, in one pass over
	 * every document, holding nothing but these keys.
	 * @param keys the keys
	 * @return the references, caught up from the moment this began
	 */
	public References snapshotOf(Collection<String> keys) {
		Instant started = this.clock.instant();
		Map<Long, Integer> counts = new HashMap<>();
		keys.forEach(key -> counts.put(ReferenceIndex.digest(key), 0));
		forEachDocument(started.minus(this.clockSkew),
				digests -> digests.forEach(digest -> counts.computeIfPresent(digest, (k, n) -> n + 1)), null, null,
				new HashMap<>());
		return new References(new ReferenceIndex(new KeyFilter(1), counts), FlaggedPairs.none(), writtenDocuments(),
				started, this.clockSkew, this.clock);
	}

	/** Reads the documents written since a moment, for one {@link References}. */
	private WrittenDocuments writtenDocuments() {
		return new WrittenDocuments(this.mongo, this.catalogue, this.resolver);
	}

	/**
	 * Counts the documents last written before a moment; those written since are left to
	 * the first catch-up, which reads them as they are then, so that no document counts
	 * twice. Records the pairs of each flagged document of the purged collection it
	 * counted: those seen in both passes, when there are two (a key's count comes from
	 * the first pass when it shows once, from the second when it may show more than
	 * once).
	 */
	Snapshot build(Instant recentFrom, String purged) {
		long started = System.nanoTime();
		long expectedDocuments = this.catalogue.contentTypes()
			.stream()
			.mapToLong(spec -> this.mongo.getCollection(spec.collection()).estimatedDocumentCount())
			.sum();
		List<FlaggedPairs.Builder> passes = new ArrayList<>();
		Map<String, Long> undated = new HashMap<>();
		ReferenceIndex index = build(Math.max(1 << 16, expectedDocuments * EXPECTED_KEYS_PER_DOCUMENT), consumer -> {
			FlaggedPairs.Builder pass = new FlaggedPairs.Builder();
			passes.add(pass);
			forEachDocument(recentFrom, consumer, purged, pass, undated);
		});
		undated.forEach((collection, count) -> logger.warn(
				"{} documents of {} hold their updated-at-field as text or a number, not a BSON date: each check before "
						+ "a chunk's deletes reads all of them again so that no edit of theirs is missed (safe, but "
						+ "slower); have the CMS write a BSON date",
				count, collection));
		FlaggedPairs flagged = passes.get(0).build();
		for (FlaggedPairs.Builder pass : passes.subList(1, passes.size())) {
			flagged = flagged.retainAll(pass.build());
		}
		logger.info(
				"Indexed the image references of about {} documents in {} ms: {} keys may show in more than one document and "
						+ "were counted exactly; filter of keys seen {} KB",
				expectedDocuments, (System.nanoTime() - started) / 1_000_000, index.countedKeys(),
				index.filterBytes() >> 10);
		logger.info("Recorded {} references of soft-deleted documents of {} ({} KB)", flagged.size(), purged,
				((long) flagged.size() * Long.BYTES) >> 10);
		return new Snapshot(index, flagged);
	}

	/**
	 * A snapshot's counts and the pairs of flagged documents it counted.
	 *
	 * @param index the counts
	 * @param flagged the pairs
	 */
	record Snapshot(ReferenceIndex index, FlaggedPairs flagged) {
	}

	/** Documents as the sets of distinct key digests they show. */
	interface DocumentSource {

		/**
		 * Streams every document's distinct key digests to the consumer, in any order.
		 * @param consumer receives one set per document
		 */
		void forEach(Consumer<Set<Long>> consumer);

	}

	/**
	 * The two passes over the documents.
	 * @param expectedKeys what the filter of keys seen is sized for
	 * @param documents the documents, read twice
	 * @return the index
	 */
	static ReferenceIndex build(long expectedKeys, DocumentSource documents) {
		KeyFilter seen = new KeyFilter(expectedKeys);
		Set<Long> maybeShared = new HashSet<>();
		documents.forEach(digests -> digests.forEach(digest -> {
			if (seen.put(digest)) {
				maybeShared.add(digest);
			}
		}));
		Map<Long, Integer> counts = new HashMap<>();
		if (!maybeShared.isEmpty()) {
			documents.forEach(digests -> digests.forEach(digest -> {
				if (maybeShared.contains(digest)) {
					counts.merge(digest, 1, Integer::sum);
				}
			}));
		}
		return new ReferenceIndex(seen, counts);
	}

	/**
	 * Streams every document's distinct key digests to the consumer, and the pairs of the
	 * flagged ones of the purged collection to the record when there is one.
	 */
	private void forEachDocument(Instant recentFrom, Consumer<Set<Long>> consumer, @Nullable String purged,
			FlaggedPairs.@Nullable Builder flagged, Map<String, Long> undated) {
		Date recentDate = Date.from(recentFrom);
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			Set<String> fields = new LinkedHashSet<>(spec.topLevelImageFields());
			if (spec.updatedAtField() != null) {
				fields.add(spec.updatedAtField());
			}
			fields.add(spec.flagField());
			boolean recordPairs = flagged != null && spec.collection().equals(purged);
			long[] undatedHere = new long[1];
			ImageFieldReads.forEach(this.mongo, spec.collection(), new Document(), fields, document -> {
				if (spec.updatedAtField() != null && WrittenSince.isUndated(document.get(spec.updatedAtField()))) {
					undatedHere[0]++;
				}
				if (!WrittenSince.matches(spec, document, recentFrom.getEpochSecond(), recentDate)) {
					Set<Long> digests = digests(spec, document);
					consumer.accept(digests);
					if (recordPairs && Boolean.TRUE.equals(field(document, spec.flagField()))) {
						long id = FlaggedPairs.document(spec.collection(), document.get("_id"));
						digests.forEach(digest -> flagged.add(id, digest));
					}
				}
			});
			if (undatedHere[0] > 0) {
				undated.put(spec.collection(), undatedHere[0]);
			}
		}
	}

	/** A field's value, by a path that may be dotted; null where there is none. */
	private static @Nullable Object field(Document document, String path) {
		Object value = document;
		for (String name : path.split("\\.")) {
			if (!(value instanceof Document parent)) {
				return null;
			}
			value = parent.get(name);
		}
		return value;
	}

	/** The distinct digests of every key a document's URLs may name. */
	private Set<Long> digests(ContentTypeSpec spec, Document document) {
		return digests(this.resolver, spec.referencedStrings(document));
	}

	/**
	 * The distinct digests of every key some strings may name, read as URLs maximally.
	 * @param resolver reads the URLs
	 * @param strings the strings under a document's image fields
	 * @return the digests
	 */
	static Set<Long> digests(ImageUrlResolver resolver, List<String> strings) {
		Set<Long> digests = new LinkedHashSet<>();
		for (String url : strings) {
			resolver.referencedKeys(url).forEach(key -> digests.add(ReferenceIndex.digest(key)));
		}
		return digests;
	}

}
