package io.mediapurge.purge;

import java.util.LinkedHashSet;
import java.util.Set;

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
 * every content type once. URLs are resolved leniently
 * ({@link ImageUrlResolver#referencedKey}), in every URL form and encoding the resolver
 * knows, so a live page that shows an image through the CDN keeps it even when the
 * soft-deleted page used the S3 URL.
 */
class ReferenceIndexBuilder {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceIndexBuilder.class);

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
		ReferenceIndex index = new ReferenceIndex();
		long documents = 0;
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			Query query = new Query();
			spec.topLevelImageFields().forEach(field -> query.fields().include(field));
			query.cursorBatchSize(1000);
			try (var stream = this.mongo.stream(query, Document.class, spec.collection())) {
				for (Document document : (Iterable<Document>) stream::iterator) {
					Set<String> keys = new LinkedHashSet<>();
					for (String url : spec.referencedStrings(document)) {
						this.resolver.referencedKey(url).ifPresent(keys::add);
					}
					index.add(keys);
					documents++;
				}
			}
		}
		logger.info("Indexed image references of {} documents ({} distinct keys) in {} ms", documents, index.size(),
				(System.nanoTime() - started) / 1_000_000);
		return index;
	}

}
