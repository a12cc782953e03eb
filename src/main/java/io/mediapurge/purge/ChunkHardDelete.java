package io.mediapurge.purge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * The hard delete of a chunk's purged documents, in one command (one per 8 MB of image
 * fields) whose filter takes a document only while it carries the chunk's claim token,
 * its soft-delete flag, and exactly the top-level image fields the claim read back: the
 * values whose images the chunk has just deleted. A document the CMS edited since (an
 * image replaced or added, an image field written) keeps its record, so no image of it is
 * left behind a deleted record; it stays claimed for the next run, which reads it as it
 * is then.
 *
 * <p>
 * A plain equality on a field also matches an array that merely contains the value, so
 * each field's condition says more ({@link #exactly}): a field the document lacked must
 * still be missing ({@code $exists: false}: null and missing differ); a present one must
 * exist, equal the value, and be no array when the value is none, or contain no element
 * equal to the value when it is an array (an array never contains itself, so the same
 * array passes). Subdocuments compare field by field in order, and a value the server
 * cannot compare (a regular expression on the in-process test server) never matches:
 * whatever errs keeps a record for the next run, never deletes one whose images changed.
 * ({@code $expr} with {@code $eq} would say the same, but the in-process server cannot
 * evaluate it for regular expressions, nor an empty array inside an array's subdocument.)
 */
final class ChunkHardDelete {

	private static final Logger logger = LoggerFactory.getLogger(ChunkHardDelete.class);

	/**
	 * Strings compared byte for byte, whatever default collation the CMS gave its
	 * collection: under a case-insensitive one {@code .../Cat.jpg} would equal
	 * {@code .../cat.jpg}, two keys of the bucket. (On such a collection, string
	 * {@code _id}s then cannot use the {@code _id} index, which has the collection's
	 * collation; ObjectIds and numbers still do.)
	 */
	/**
	 * The most bytes of documents' conditions in one delete command: half MongoDB's 16 MB
	 * limit on a command's document, which leaves room for the chunk's {@code _id}s.
	 */
	private static final long MAX_CONDITION_BYTES = 8L * 1024 * 1024;

	private static final DeleteOptions SIMPLE_COLLATION = new DeleteOptions()
		.collation(Collation.builder().locale("simple").build());

	/**
	 * A document the hard delete left.
	 *
	 * @param candidate the document
	 * @param reasonCode short stable code
	 * @param reason for people
	 */
	record Left(PurgeCandidate candidate, String reasonCode, String reason) {
	}

	/**
	 * What the hard delete did.
	 *
	 * @param deleted the documents hard-deleted, or already gone
	 * @param blocked the documents still flagged and claimed by this chunk that it left:
	 * their image fields changed after the claim (or the server could not compare them)
	 * @param notHeld the documents unflagged or claimed by another process after the
	 * claim: not hard-deleted
	 */
	record Outcome(List<PurgeCandidate> deleted, List<Left> blocked, List<Left> notHeld) {
	}

	private final ContentTypeSpec spec;

	private final MongoCollection<Document> collection;

	private final String token;

	ChunkHardDelete(ContentTypeSpec spec, MongoCollection<Document> collection, String token) {
		this.spec = spec;
		this.collection = collection;
		this.token = token;
	}

	/**
	 * One delete command (one more per 8 MB of the documents' conditions), then, only
	 * when they took fewer documents than they were given, one read by {@code _id} of
	 * those left, to say why each was left.
	 * @param purged documents whose keys are all confirmed deleted
	 * @param imagesAtClaim the image fields of each document as the claim read them back;
	 * a document without an entry was gone already at the claim (a retry meeting its own
	 * hard delete)
	 * @return what became of each document
	 */
	Outcome delete(List<PurgeCandidate> purged, Map<Object, Document> imagesAtClaim) {
		List<PurgeCandidate> deleted = new ArrayList<>();
		List<PurgeCandidate> present = new ArrayList<>();
		for (PurgeCandidate candidate : purged) {
			(imagesAtClaim.containsKey(candidate.id()) ? present : deleted).add(candidate);
		}
		if (present.isEmpty()) {
			return new Outcome(deleted, List.of(), List.of());
		}
		// a chunk whose image fields are large gets several commands, each well under
		// MongoDB's limit on a command's document
		long count = 0;
		List<Object> ids = new ArrayList<>();
		List<Document> exactly = new ArrayList<>();
		long bytes = 0;
		for (PurgeCandidate candidate : present) {
			Document condition = sameImages(candidate.id(), imagesAtClaim.get(candidate.id()));
			long size = size(condition);
			if (!ids.isEmpty() && bytes + size > MAX_CONDITION_BYTES) {
				count += deleteMany(ids, exactly);
				ids = new ArrayList<>();
				exactly = new ArrayList<>();
				bytes = 0;
			}
			ids.add(candidate.id());
			exactly.add(condition);
			bytes += size;
		}
		count += deleteMany(ids, exactly);
		if (count == present.size()) {
			deleted.addAll(present);
			return new Outcome(deleted, List.of(), List.of());
		}
		return left(present, deleted);
	}

	/** One delete command for these documents, each under its own condition. */
	private long deleteMany(List<Object> ids, List<Document> exactly) {
		// the _id condition comes first (see ChunkIds)
		Document filter = ChunkIds.filter(ids)
			.append(PurgeFields.CLAIM, this.token)
			.append(this.spec.flagField(), true)
			.append("$or", exactly);
		return this.collection.deleteMany(filter, SIMPLE_COLLATION).getDeletedCount();
	}

	/** The size of a condition as BSON. */
	private long size(Document condition) {
		return new RawBsonDocument(condition, this.collection.getCodecRegistry().get(Document.class)).getByteBuffer()
			.remaining();
	}

	/**
	 * The condition that a document has exactly these image fields: {@code _id}, then one
	 * condition per field ({@link #exactly}).
	 */
	private Document sameImages(Object id, Document images) {
		Document condition = new Document("_id", id);
		for (String field : this.spec.topLevelImageFields()) {
			condition.append(field,
					images.containsKey(field) ? exactly(images.get(field)) : new Document("$exists", false));
		}
		return condition;
	}

	/**
	 * The condition that a present field holds exactly this value, not an array holding
	 * it.
	 * @param value the field's value as read back
	 * @return the field's condition
	 */
	private static Document exactly(@Nullable Object value) {
		Document condition = new Document("$exists", true).append("$eq", value);
		if (value instanceof List) {
			return condition.append("$not", new Document("$elemMatch", new Document("$eq", value)));
		}
		condition.append("$not", new Document("$type", "array"));
		if (value instanceof BsonRegularExpression || value instanceof Pattern) {
			// a regular expression may match strings: only one may match it
			condition.append("$type", "regex");
		}
		return condition;
	}

	/** Reads back the documents the delete left, by {@code _id} alone, and says why. */
	private Outcome left(List<PurgeCandidate> present, List<PurgeCandidate> deleted) {
		Map<Object, Document> found = new HashMap<>();
		for (Document document : this.collection
			.find(Filters.in("_id", present.stream().map(PurgeCandidate::id).toList()))
			.projection(Projections.include(PurgeFields.CLAIM, this.spec.flagField()))) {
			found.put(document.get("_id"), document);
		}
		List<Left> blocked = new ArrayList<>();
		List<Left> notHeld = new ArrayList<>();
		for (PurgeCandidate candidate : present) {
			Document document = found.get(candidate.id());
			if (document == null) {
				// deleted now, or by someone else since the claim
				deleted.add(candidate);
			}
			else if (!this.token.equals(document.get(PurgeFields.CLAIM))) {
				notHeld.add(notHeld(candidate, "claimed-by-another",
						"claimed by another purge process after its images were deleted; not hard-deleted"));
			}
			else if (!Boolean.TRUE.equals(document.get(this.spec.flagField()))) {
				notHeld.add(notHeld(candidate, "unflagged-after-claim",
						"restored against the contract after its images were deleted; not hard-deleted"));
			}
			else {
				// the writer's events log each block at WARN
				blocked.add(new Left(candidate, "images-changed",
						"its image fields changed after its claim, once the images they showed then were deleted; "
								+ "not hard-deleted, left claimed for the next run"));
			}
		}
		return new Outcome(deleted, blocked, notHeld);
	}

	private Left notHeld(PurgeCandidate candidate, String reasonCode, String reason) {
		logger.warn("{}: document {} {}", this.spec.name(), candidate.reportedId(), reason);
		return new Left(candidate, reasonCode, reason);
	}

}
