package io.mediapurge.references;

import java.util.Collection;
import java.util.function.Consumer;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistries;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Streams the documents of a collection through the driver's cursor, as the reference
 * passes and the catch-ups read them: a filter, a projection, batches of 1,000. Reading
 * them through the template's own streaming would map every document and publish a
 * lifecycle event for each, work these reads have no use for; the template still runs the
 * read, so a driver exception comes out translated as from any other read of the job.
 */
final class ImageFieldReads {

	private static final int BATCH_SIZE = 1000;

	private ImageFieldReads() {
	}

	/**
	 * @param mongo the template
	 * @param collection the collection
	 * @param filter the filter
	 * @param fields the fields to read besides {@code _id}
	 * @param consumer receives each document
	 */
	static void forEach(MongoOperations mongo, String collection, Document filter, Collection<String> fields,
			Consumer<Document> consumer) {
		forEach(mongo, collection, filter, fields, null, Document.class, consumer);
	}

	/**
	 * @param <T> the class documents are decoded into
	 * @param mongo the template
	 * @param collection the collection
	 * @param filter the filter
	 * @param fields the fields to read besides {@code _id}
	 * @param codec decodes the documents, or null for the collection's own codec of the
	 * class
	 * @param type the class documents are decoded into
	 * @param consumer receives each document
	 */
	static <T> void forEach(MongoOperations mongo, String collection, Document filter, Collection<String> fields,
			@Nullable Codec<T> codec, Class<T> type, Consumer<T> consumer) {
		Document projection = new Document();
		fields.forEach(field -> projection.append(field, 1));
		mongo.execute(collection, collectionDocuments -> {
			// from the primary, whatever the client's default: a lagging secondary would
			// miss a document the CMS has just saved, and the key it shows would look
			// unshared
			MongoCollection<Document> primary = collectionDocuments.withReadPreference(ReadPreference.primary());
			MongoCollection<Document> documents = (codec != null) ? primary.withCodecRegistry(
					CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(codec), primary.getCodecRegistry()))
					: primary;
			try (MongoCursor<T> cursor = documents.find(filter, type)
				.projection(projection)
				.batchSize(BATCH_SIZE)
				.cursor()) {
				while (cursor.hasNext()) {
					consumer.accept(cursor.next());
				}
			}
			return null;
		});
	}

}
