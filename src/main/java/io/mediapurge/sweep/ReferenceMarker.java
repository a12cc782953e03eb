package io.mediapurge.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.mongodb.ReadPreference;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.logging.Words;
import io.mediapurge.references.WrittenSince;

/**
 * Marks every key any document shows: every document of every content type, whatever its
 * state (live, in grace, due, blocked, quarantined), every string under its image fields
 * whatever their shape, read maximally ({@link ImageUrlResolver#referencedKeys}): every
 * key any URL form or encoding may name. Streams the documents with one cursor per
 * collection, so memory is the mark's alone.
 */
final class ReferenceMarker {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceMarker.class);

	/** Keys per document the mark's first segment is sized for (more grow the filter). */
	private static final int EXPECTED_KEYS_PER_DOCUMENT = 8;

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	private final int exactKeys;

	private final Duration clockSkew;

	private final Clock clock;

	ReferenceMarker(MongoOperations mongo, ContentCatalogue catalogue, ImageUrlResolver resolver, int exactKeys,
			Duration clockSkew, Clock clock) {
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.resolver = resolver;
		this.exactKeys = exactKeys;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * @param run the execution's state, which receives the mark
	 */
	void mark(SweepRun run) {
		Instant from = this.clock.instant();
		long started = System.nanoTime();
		long expected = this.catalogue.contentTypes()
			.stream()
			.mapToLong(spec -> this.mongo.getCollection(spec.collection()).estimatedDocumentCount())
			.sum();
		MarkedKeys marks = new MarkedKeys(Math.max(1 << 16, expected * EXPECTED_KEYS_PER_DOCUMENT), this.exactKeys);
		long documents = 0;
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			documents += mark(spec, new Query(), marks);
		}
		run.marked(marks, documents, from);
		logger.info("Plan {}: marked {} keys shown by {} documents in {} ms ({}; false-keep rate {})", run.planId(),
				marks.distinctKeys(), documents, (System.nanoTime() - started) / 1_000_000,
				marks.isExact() ? "exact" : "Bloom filter of " + (marks.filterBytes() >> 10) + " KB",
				Words.rate(marks.falseKeepRate()));
	}

	/**
	 * Adds to the run's marks the keys shown by every document written since its mark (or
	 * its last catch-up) began, less the clock skew, as they are now. Add-only: a key a
	 * document stopped showing stays marked, which only keeps an object. The next
	 * catch-up starts from this one's beginning.
	 * @param run the execution's state, marked
	 */
	void catchUp(SweepRun run) {
		Instant from = this.clock.instant();
		Instant since = run.marksFrom().minus(this.clockSkew);
		MarkedKeys marks = run.marks();
		long documents = 0;
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			documents += mark(spec, new Query(WrittenSince.criteria(spec, since)), marks);
		}
		run.caughtUp(from);
		if (documents > 0) {
			logger.info("Plan {}: marked the keys of {} documents written since {}", run.planId(), documents, since);
		}
	}

	private long mark(ContentTypeSpec spec, Query query, MarkedKeys marks) {
		spec.topLevelImageFields().forEach(field -> query.fields().include(field));
		// from the primary, whatever the client's default: a lagging secondary would miss
		// a document the CMS has just saved
		query.withReadPreference(ReadPreference.primary());
		query.cursorBatchSize(1000);
		long documents = 0;
		try (var stream = this.mongo.stream(query, Document.class, spec.collection())) {
			for (Document document : (Iterable<Document>) stream::iterator) {
				for (String url : spec.referencedStrings(document)) {
					this.resolver.referencedKeys(url).forEach(marks::add);
				}
				documents++;
			}
		}
		return documents;
	}

}
