package io.mediapurge.purge.indexes;

import java.util.List;
import java.util.stream.Collectors;

import org.bson.Document;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * An index a query of the job needs on a content type's collection.
 *
 * @param collection the collection
 * @param fields the indexed fields in order, all ascending
 * @param name the name the job gives the index when it creates it
 * @param purpose which query it serves
 */
public record RequiredIndex(String collection, List<String> fields, String name, String purpose) {

	/** The name of the index the reader needs. */
	public static final String DUE_INDEX = "media_purge_due";

	/** The name of the index the catch-up on recent writes needs. */
	public static final String WRITTEN_INDEX = "media_purge_written";

	public RequiredIndex {
		fields = List.copyOf(fields);
	}

	/**
	 * The indexes the job's queries on this content type's collection need beyond
	 * {@code _id}.
	 *
	 * <p>
	 * Only the reader's query needs one: flagged ({@code flag = true}), not quarantined,
	 * soft-deleted before the cutoff, sorted by {@code _id}. Keys in the order equality,
	 * sort, range: the flag, {@code _id}, then the soft-delete timestamp, so a real
	 * MongoDB walks only the flagged documents, already in {@code _id} order (no
	 * in-memory sort), and checks the timestamp in the index. The same index serves the
	 * start-up counts of due and quarantined documents. A content type with an
	 * {@code updated-at-field} also needs one on it: before each chunk's deletes the job
	 * reads the documents written since its last check, by {@code _id} (the {@code _id}
	 * index) or by that field. Every other query is by {@code _id} (claim, re-read of the
	 * claim, hard delete, blocks), served by the {@code _id} index. The image fields need
	 * no index: the job reads them for the reference index by streaming each collection
	 * once, with no filter on them.
	 */
	public static List<RequiredIndex> of(ContentTypeSpec spec) {
		RequiredIndex due = new RequiredIndex(spec.collection(),
				List.of(spec.flagField(), "_id", spec.deletedAtField()), DUE_INDEX,
				"the purge reader (flagged documents in _id order, by soft-delete time)");
		if (spec.updatedAtField() == null) {
			return List.of(due);
		}
		return List.of(due, new RequiredIndex(spec.collection(), List.of(spec.updatedAtField()), WRITTEN_INDEX,
				"the check before each chunk's deletes for documents written while the step runs"));
	}

	/** The key document, each field ascending. */
	public Document keys() {
		Document keys = new Document();
		this.fields.forEach(field -> keys.append(field, 1));
		return keys;
	}

	/**
	 * Whether an existing index's key serves the same queries: it starts with these
	 * fields, in this order, ascending.
	 */
	public boolean isServedBy(Document existingKey) {
		List<String> existing = List.copyOf(existingKey.keySet());
		if (existing.size() < this.fields.size()) {
			return false;
		}
		for (int i = 0; i < this.fields.size(); i++) {
			Object direction = existingKey.get(existing.get(i));
			if (!existing.get(i).equals(this.fields.get(i)) || !(direction instanceof Number number)
					|| number.doubleValue() != 1) {
				return false;
			}
		}
		return true;
	}

	/** The mongosh command that creates the index. */
	public String createCommand() {
		String target = this.collection.matches("[A-Za-z_][A-Za-z0-9_]*") ? "db." + this.collection
				: "db.getCollection(\"" + this.collection + "\")";
		String keys = this.fields.stream().map(field -> "\"" + field + "\": 1").collect(Collectors.joining(", "));
		return target + ".createIndex({ " + keys + " }, { name: \"" + this.name + "\" })";
	}

}
