package io.mediapurge.references;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.schema.JsonSchemaObject.Type;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * Which documents were written at or after a moment, as far as MongoDB can tell: the
 * question each check before a chunk's deletes (and each catch-up of the sweep's mark)
 * asks. Errs towards "written": a document it cannot place in time is read again.
 */
public final class WrittenSince {

	/**
	 * Types of an {@code updated-at-field} holding a time that MongoDB never compares
	 * with a date.
	 */
	private static final List<Type> UNDATED_TYPES = List.of(Type.stringType(), Type.doubleType(), Type.intType(),
			Type.longType(), Type.bigDecimalType(), Type.timestampType());

	private WrittenSince() {
	}

	/**
	 * The condition on the documents of a content type written at or after a moment:
	 * inserted, by the time in their {@code _id} (an ObjectId), or written, by their
	 * {@code updated-at-field} where the content type has one. A document whose
	 * {@code updated-at-field} holds a time as text, a number or a BSON timestamp rather
	 * than a BSON date cannot be compared with the moment (MongoDB compares values of one
	 * type only): it counts as written since, always, so an edit of it is never missed.
	 * @param spec the content type
	 * @param since the moment
	 * @return the condition
	 */
	public static Criteria criteria(ContentTypeSpec spec, Instant since) {
		// the smallest ObjectId of that second; ObjectIds hold whole seconds
		ObjectId firstId = new ObjectId(String.format("%08x%016x", Math.max(0, since.getEpochSecond()), 0));
		Criteria inserted = Criteria.where("_id").gte(firstId);
		if (spec.updatedAtField() == null) {
			return inserted;
		}
		return new Criteria().orOperator(inserted, Criteria.where(spec.updatedAtField()).gte(Date.from(since)),
				Criteria.where(spec.updatedAtField()).type(UNDATED_TYPES));
	}

	/**
	 * @param value a document's {@code updated-at-field}
	 * @return whether it holds a time in a type that cannot be compared with a BSON date
	 * (then {@link #criteria} always matches its document)
	 */
	static boolean isUndated(@Nullable Object value) {
		return value instanceof String || value instanceof Number || value instanceof BsonTimestamp;
	}

	/** The condition of {@link #criteria}, on one document. */
	static boolean matches(ContentTypeSpec spec, Document document, long epochSecond, Date date) {
		if (document.get("_id") instanceof ObjectId id && id.getTimestamp() >= epochSecond) {
			return true;
		}
		if (spec.updatedAtField() == null) {
			return false;
		}
		Object updatedAt = document.get(spec.updatedAtField());
		return (updatedAt instanceof Date written) ? !written.before(date) : isUndated(updatedAt);
	}

}
