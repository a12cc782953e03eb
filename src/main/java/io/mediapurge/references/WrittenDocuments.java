package io.mediapurge.references;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageUrlResolver;

/**
 * Reads the documents of every content type written at or after a moment, for one
 * {@link References}: inserted, by the time in their {@code _id} (an ObjectId), or
 * written, by their {@code updated-at-field} where the content type has one. Each comes
 * with the digests of every key its URLs may name, read maximally.
 *
 * <p>
 * Every catch-up reads its whole clock-skew window again, so most documents it reads it
 * read the time before. The digests are a function of the strings under a document's
 * image fields alone, so a document whose strings are exactly those of the previous read
 * (same content type, same strings in the same order) keeps the digests computed then,
 * without resolving its URLs again; any other is resolved afresh. Holds the strings of
 * the previous read's documents.
 */
final class WrittenDocuments implements Function<Instant, Map<References.DocumentId, Set<Long>>> {

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	/** The previous read, by document. */
	private Map<References.DocumentId, Read> previous = Map.of();

	WrittenDocuments(MongoOperations mongo, ContentCatalogue catalogue, ImageUrlResolver resolver) {
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.resolver = resolver;
	}

	/**
	 * @param since the moment
	 * @return each document written since, with the key digests it shows now
	 */
	@Override
	public synchronized Map<References.DocumentId, Set<Long>> apply(Instant since) {
		Map<References.DocumentId, Read> reads = new HashMap<>();
		Map<References.DocumentId, Set<Long>> written = new HashMap<>();
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			Document filter = ReferenceIndexBuilder.writtenSinceCriteria(spec, since).getCriteriaObject();
			ImageFieldReads.forEach(this.mongo, spec.collection(), filter, spec.topLevelImageFields(), document -> {
				References.DocumentId id = new References.DocumentId(spec.collection(), document.get("_id"));
				Read read = read(spec, id, spec.referencedStrings(document));
				reads.put(id, read);
				written.put(id, read.digests());
			});
		}
		this.previous = reads;
		return written;
	}

	private Read read(ContentTypeSpec spec, References.DocumentId id, List<String> strings) {
		Read before = this.previous.get(id);
		if (before != null && before.spec() == spec && before.strings().equals(strings)) {
			return before;
		}
		return new Read(spec, strings, ReferenceIndexBuilder.digests(this.resolver, strings));
	}

	/**
	 * A document as read.
	 *
	 * @param spec its content type
	 * @param strings the strings under its image fields, in document order
	 * @param digests the digests of every key they may name
	 */
	private record Read(ContentTypeSpec spec, List<String> strings, Set<Long> digests) {
	}

}
