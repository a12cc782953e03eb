package io.mediapurge.purge;

import java.util.List;
import java.util.Objects;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code _id} condition of a chunk's commands: {@code $in} the chunk's ids,
 * preceded by the chunk's {@code _id} range when every id has the same orderable type.
 *
 * <p>
 * On a real MongoDB both parts bound the same {@code _id} index scan, which the
 * {@code $in} list alone already narrows to the chunk's documents. A server that checks
 * every document of the collection against the filter (such as an in-process test server
 * without secondary indexes) rejects a document outside the range with two comparisons
 * instead of one per id of the list, which keeps a chunk's commands cheap as the backlog
 * grows. The range is left out when it could exclude a chunk document: ids of mixed types
 * (MongoDB compares a range only within one type) and strings (a collection's collation
 * may order them differently from their bytes); only ObjectIds and integers get one.
 */
final class ChunkIds {

	private ChunkIds() {
	}

	/**
	 * The condition on {@code _id} for these ids.
	 * @param ids the chunk's ids, at least one
	 * @return the value of the {@code _id} field of a filter
	 */
	static Document condition(List<?> ids) {
		Object[] range = range(ids);
		Document condition = new Document();
		if (range != null) {
			condition.append("$gte", range[0]).append("$lte", range[1]);
		}
		return condition.append("$in", ids);
	}

	/**
	 * A filter that selects the documents with these ids, with the other conditions after
	 * it.
	 * @param ids the chunk's ids, at least one
	 * @return a filter document whose first field is {@code _id}
	 */
	static Document filter(List<?> ids) {
		return new Document("_id", condition(ids));
	}

	/** The smallest and largest id in BSON order, or null where not computed. */
	static Object @Nullable [] range(List<?> ids) {
		if (ids.isEmpty() || ids.stream().anyMatch(Objects::isNull)) {
			return null;
		}
		Class<?> type = ids.get(0).getClass();
		if (!(ObjectId.class.equals(type) || Long.class.equals(type) || Integer.class.equals(type))) {
			return null;
		}
		Object min = ids.get(0);
		Object max = min;
		for (Object id : ids) {
			if (!type.equals(id.getClass())) {
				return null;
			}
			if (compare(id, min) < 0) {
				min = id;
			}
			if (compare(id, max) > 0) {
				max = id;
			}
		}
		return new Object[] { min, max };
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Object left, Object right) {
		return ((Comparable) left).compareTo(right);
	}

}
