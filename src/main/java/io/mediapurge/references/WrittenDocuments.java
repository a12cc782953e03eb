package io.mediapurge.references;

import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.bson.codecs.Codec;
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
 * read the time before. The digests are a function of what the read returns of a document
 * (its {@code _id} and image fields) alone, so a document returned byte for byte as at
 * the previous read, for the same content type, keeps the digests computed then, without
 * being decoded or having its URLs resolved again; any other is decoded and resolved
 * afresh. Holds the bytes of the previous read's documents.
 */
final class WrittenDocuments implements Function<Instant, Map<References.DocumentId, Set<Long>>> {

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	/** The previous read, by content type and by what it returned of each document. */
	private Map<ContentTypeSpec, Map<DocumentBytes, Read>> previous = Map.of();

	private int previousSize;

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
		Map<ContentTypeSpec, Map<DocumentBytes, Read>> reads = new IdentityHashMap<>();
		// sized as the previous read, which most catch-ups repeat
		Map<References.DocumentId, Set<Long>> written = new HashMap<>(capacity(this.previousSize));
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			Map<DocumentBytes, Read> before = this.previous.getOrDefault(spec, Map.of());
			Map<DocumentBytes, Read> now = new HashMap<>(capacity(before.size()));
			reads.put(spec, now);
			Document filter = WrittenSince.criteria(spec, since).getCriteriaObject();
			Codec<Document> codec = this.mongo.getCollection(spec.collection()).getCodecRegistry().get(Document.class);
			ImageFieldReads.forEach(this.mongo, spec.collection(), filter, spec.topLevelImageFields(),
					new DocumentBytes.DocumentBytesCodec(bytes -> {
						Read known = before.get(bytes);
						return (known != null) ? known.bytes() : null;
					}), DocumentBytes.class, bytes -> {
						Read read = before.get(bytes);
						if (read == null) {
							Document document = bytes.document().decode(codec);
							read = new Read(bytes, new References.DocumentId(spec.collection(), document.get("_id")),
									ReferenceIndexBuilder.digests(this.resolver, spec.referencedStrings(document)));
						}
						now.put(bytes, read);
						written.put(read.id(), read.digests());
					});
		}
		this.previous = reads;
		this.previousSize = written.size();
		return written;
	}

	private static int capacity(int entries) {
		return Math.max(16, (int) (entries / 0.75f) + 1);
	}

	/**
	 * A document as read.
	 *
	 * @param bytes what the read returned of it
	 * @param id the document
	 * @param digests the digests of every key its URLs may name
	 */
	private record Read(DocumentBytes bytes, References.DocumentId id, Set<Long> digests) {
	}

}
