package io.mediapurge.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.BsonType;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A collection of the in-process server's memory backend that finds the documents a
 * filter may match from indexes, as a real MongoDB does with the job's indexes, where the
 * backend alone checks every document of the collection against each filter.
 *
 * <p>
 * It never decides what matches: it only narrows the documents the server's own matcher
 * checks to candidates, a superset of the matches, visited in the collection's natural
 * order, so every answer is the one the scan gives, in the same order. A filter it cannot
 * narrow safely is answered by the scan. It narrows:
 * <ul>
 * <li>{@code _id} equal to an ObjectId, {@code $in} a list of ObjectIds, or at least
 * ({@code $gte}, {@code $gt}) an ObjectId: from an ordered map of the ObjectIds;
 * <li>a field of {@link #RANGE_FIELDS} at least a date, or of a {@code $type} other than
 * date: from an ordered map of its dates, plus every document whose field holds anything
 * else than one date (an array, text, a number), which the filter may match;
 * <li>{@code $or}: the union of its branches' candidates, when every branch is narrowed;
 * <li>{@code $and}: the candidates of the first of its conditions that is narrowed.
 * </ul>
 * A filter of several fields is narrowed by the first of them that can be. Documents
 * whose {@code _id} is not an ObjectId are always candidates.
 */
class IndexedMemoryCollection extends MemoryCollection {

	/** The date fields narrowed: the content types' {@code updated-at-field}. */
	static final Set<String> RANGE_FIELDS = Set.of("updated_at");

	private final NavigableMap<ObjectId, Integer> ids = new TreeMap<>();

	private final BitSet otherIds = new BitSet();

	private final Map<String, NavigableSet<Dated>> dates = new TreeMap<>();

	private final Map<String, BitSet> otherDates = new TreeMap<>();

	IndexedMemoryCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
		super(database, name, options, cursors);
		for (String field : RANGE_FIELDS) {
			this.dates.put(field, new TreeSet<>(Dated.ORDER));
			this.otherDates.put(field, new BitSet());
		}
	}

	@Override
	protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
			int batchSize, Document fieldSelector) {
		boolean ownIndex = getIndexes().stream().anyMatch(index -> index.canHandle(query));
		BitSet candidates = (ownIndex || (orderBy != null && orderBy.containsKey("$natural"))) ? null
				: candidates(query);
		if (candidates == null) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		Iterable<Integer> positions = () -> candidates.stream().boxed().iterator();
		return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
	}

	@Override
	protected synchronized Integer addDocumentInternal(Document document) {
		Integer position = super.addDocumentInternal(document);
		index(document, position, true);
		return position;
	}

	@Override
	protected synchronized void removeDocument(Integer position) {
		Document document = getDocument(position);
		if (document != null) {
			index(document, position, false);
		}
		super.removeDocument(position);
	}

	@Override
	protected synchronized void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
		if (!indexedValues(oldDocument).equals(indexedValues(newDocument))) {
			index(oldDocument, position, false);
			index(newDocument, position, true);
		}
		super.handleUpdate(position, oldDocument, newDocument);
	}

	/** What the indexes hold of a document: its {@code _id} and range fields. */
	private static List<Object> indexedValues(Document document) {
		List<Object> values = new ArrayList<>();
		values.add(document.get("_id"));
		for (String field : RANGE_FIELDS) {
			values.add(document.containsKey(field) ? document.get(field) : Missing.VALUE);
		}
		return values;
	}

	private void index(Document document, int position, boolean add) {
		if (document.get("_id") instanceof ObjectId id) {
			if (add) {
				this.ids.put(id, position);
			}
			else {
				this.ids.remove(id, position);
			}
		}
		else {
			this.otherIds.set(position, add);
		}
		for (String field : RANGE_FIELDS) {
			if (!document.containsKey(field)) {
				continue;
			}
			if (document.get(field) instanceof Instant date) {
				Dated dated = new Dated(date, position);
				if (add) {
					this.dates.get(field).add(dated);
				}
				else {
					this.dates.get(field).remove(dated);
				}
			}
			else {
				this.otherDates.get(field).set(position, add);
			}
		}
	}

	/**
	 * @return the positions of the documents the filter may match, or {@code null} to
	 * check every document
	 */
	private @Nullable BitSet candidates(Document filter) {
		if (filter.get("_id") != null) {
			BitSet byId = byId(filter.get("_id"));
			if (byId != null) {
				return byId;
			}
		}
		if (filter.get("$or") instanceof Collection<?> branches && !branches.isEmpty()) {
			BitSet union = new BitSet();
			for (Object branch : branches) {
				BitSet candidates = (branch instanceof Document document) ? candidates(document) : null;
				if (candidates == null) {
					union = null;
					break;
				}
				union.or(candidates);
			}
			if (union != null) {
				return union;
			}
		}
		if (filter.get("$and") instanceof Collection<?> conditions) {
			for (Object condition : conditions) {
				BitSet candidates = (condition instanceof Document document) ? candidates(document) : null;
				if (candidates != null) {
					return candidates;
				}
			}
		}
		for (String field : RANGE_FIELDS) {
			if (filter.get(field) instanceof Document condition) {
				BitSet byDate = byDate(field, condition);
				if (byDate != null) {
					return byDate;
				}
			}
		}
		return null;
	}

	private @Nullable BitSet byId(Object condition) {
		BitSet candidates = (BitSet) this.otherIds.clone();
		if (condition instanceof ObjectId id) {
			setIfPresent(candidates, id);
			return candidates;
		}
		if (!(condition instanceof Document operators)) {
			return null;
		}
		if (operators.get("$in") instanceof Collection<?> values) {
			for (Object value : values) {
				if (!(value instanceof ObjectId id)) {
					return null;
				}
				setIfPresent(candidates, id);
			}
			return candidates;
		}
		Object from = operators.containsKey("$gte") ? operators.get("$gte") : operators.get("$gt");
		if (from instanceof ObjectId id) {
			this.ids.tailMap(id, true).values().forEach(candidates::set);
			return candidates;
		}
		return null;
	}

	private void setIfPresent(BitSet candidates, ObjectId id) {
		Integer position = this.ids.get(id);
		if (position != null) {
			candidates.set(position);
		}
	}

	private @Nullable BitSet byDate(String field, Document condition) {
		BitSet candidates = (BitSet) this.otherDates.get(field).clone();
		Object from = condition.containsKey("$gte") ? condition.get("$gte") : condition.get("$gt");
		if (from instanceof Instant date) {
			this.dates.get(field)
				.tailSet(new Dated(date, Integer.MIN_VALUE), true)
				.forEach(d -> candidates.set(d.position()));
			return candidates;
		}
		if (condition.keySet().equals(Set.of("$type")) && noDateType(condition.get("$type"))) {
			return candidates;
		}
		return null;
	}

	/**
	 * Whether these {@code $type} values are all types the server knows and none is the
	 * date type (a value it does not know is left to the scan, which answers the error).
	 */
	private static boolean noDateType(@Nullable Object types) {
		if (types == null) {
			return false;
		}
		Collection<?> values = (types instanceof Collection<?> list) ? list : List.of(types);
		for (Object value : values) {
			if ("number".equals(value)) {
				// any numeric type, none of them a date
				continue;
			}
			if (!(value instanceof String || value instanceof Number)) {
				return false;
			}
			try {
				BsonType type = (value instanceof String alias) ? BsonType.forString(alias)
						: BsonType.forNumber((Number) value);
				if (type == BsonType.DATE) {
					return false;
				}
			}
			catch (RuntimeException unknown) {
				return false;
			}
		}
		return !values.isEmpty();
	}

	/** A field a document does not have (unlike one holding null). */
	private enum Missing {

		VALUE

	}

	/** A document's position by the date its field holds. */
	private record Dated(Instant date, int position) {

		static final Comparator<Dated> ORDER = Comparator.comparing(Dated::date).thenComparingInt(Dated::position);

	}

}
