package io.mediapurge.purge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

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
 */
class ReferenceIndexBuilder {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceIndexBuilder.class);

	/**
	 * Keys per document the filter is sized for (more only raises its false positives,
	 * which cost an exact count each, never a wrong answer).
	 */
	private static final int EXPECTED_KEYS_PER_DOCUMENT = 8;

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	ReferenceIndexBuilder(MongoOperations mongo, ContentCatalogue catalogue, ImageUrlResolver resolver) {
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.resolver = resolver;
	}

	ReferenceIndex build() {
		long started = System.nanoTime();
		long expectedDocuments = this.catalogue.contentTypes()
			.stream()
			.mapToLong(spec -> this.mongo.getCollection(spec.collection()).estimatedDocumentCount())
			.sum();
		ReferenceIndex index = build(Math.max(1 << 16, expectedDocuments * EXPECTED_KEYS_PER_DOCUMENT),
				this::forEachDocument);
		logger.info(
				"Indexed the image references of about {} documents in {} ms: {} keys may show in more than one document and "
						+ "were counted exactly; filter of keys seen {} KB",
				expectedDocuments, (System.nanoTime() - started) / 1_000_000, index.countedKeys(),
				index.filterBytes() >> 10);
		return index;
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

	/** Streams every document's distinct key digests to the consumer. */
	private void forEachDocument(Consumer<Set<Long>> consumer) {
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			Query query = new Query();
			spec.topLevelImageFields().forEach(field -> query.fields().include(field));
			query.cursorBatchSize(1000);
			try (var stream = this.mongo.stream(query, Document.class, spec.collection())) {
				for (Document document : (Iterable<Document>) stream::iterator) {
					Set<Long> digests = new LinkedHashSet<>();
					for (String url : spec.referencedStrings(document)) {
						this.resolver.referencedKeys(url).forEach(key -> digests.add(ReferenceIndex.digest(key)));
					}
					consumer.accept(digests);
				}
			}
		}
	}

}
