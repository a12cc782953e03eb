package io.mediapurge.purge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * One chunk's claim on its documents, keyed by the chunk's claim token: the claim, the
 * release of a document that changed since it was read, and the hard delete. Only the
 * chunk holding a token changes what that token marks.
 */
final class ChunkClaim {

	private static final Logger logger = LoggerFactory.getLogger(ChunkClaim.class);

	/**
	 * What the claim found.
	 *
	 * @param claimed documents this chunk now holds (or that are gone altogether)
	 * @param restored documents the CMS restored or changed before the claim, left alone
	 */
	record Result(List<PurgeCandidate> claimed, List<PurgeCandidate> restored) {
	}

	private final ContentTypeSpec spec;

	private final MongoCollection<Document> collection;

	private final String token;

	private final Clock clock;

	ChunkClaim(ContentTypeSpec spec, MongoCollection<Document> collection, String token, Clock clock) {
		this.spec = spec;
		this.collection = collection;
		this.token = token;
		this.clock = clock;
	}

	String token() {
		return this.token;
	}

	MongoCollection<Document> collection() {
		return this.collection;
	}

	/**
	 * Claims the documents still flagged with the {@code deleted_at} we read. Documents
	 * gone altogether count as claimed: nobody can restore them, and a retried chunk
	 * meets its own earlier hard deletes this way.
	 *
	 * <p>
	 * Three commands whatever the chunk size: a conditional {@code updateMany} (the
	 * condition and the write are atomic per document, so a restore the CMS makes before
	 * it wins and one it tries after it is refused), a read-back of the chunk's claims by
	 * {@code _id}, and, only if a document changed between the read and the claim, a
	 * release of that document.
	 */
	Result claim(List<PurgeCandidate> candidates) {
		List<PurgeCandidate> claimed = new ArrayList<>();
		List<PurgeCandidate> restored = new ArrayList<>();
		if (candidates.isEmpty()) {
			return new Result(claimed, restored);
		}
		Date now = Date.from(this.clock.instant());
		List<Object> ids = candidates.stream().map(PurgeCandidate::id).toList();
		// the _id condition comes first (see ChunkIds); deleted_at must be one of the
		// chunk's values here, and each document's own value is checked on the read-back
		Document filter = ChunkIds.filter(ids)
			.append(this.spec.flagField(), true)
			.append(PurgeFields.QUARANTINED_AT, new Document("$exists", false))
			.append(this.spec.deletedAtField(),
					new Document("$in", candidates.stream().map(PurgeCandidate::deletedAt).distinct().toList()));
		this.collection.updateMany(filter,
				Updates.combine(Updates.set(PurgeFields.CLAIMED_AT, now), Updates.set(PurgeFields.CLAIM, this.token)));
		Map<Object, Document> found = new HashMap<>();
		// a pure _id query: every server serves it from the _id index
		for (Document document : this.collection.find(Filters.in("_id", ids))
			.projection(Projections.include(PurgeFields.CLAIM, this.spec.deletedAtField()))) {
			found.put(document.get("_id"), document);
		}
		List<Object> changed = new ArrayList<>();
		for (PurgeCandidate candidate : candidates) {
			Document document = found.get(candidate.id());
			if (document == null) {
				claimed.add(candidate);
			}
			else if (!this.token.equals(document.get(PurgeFields.CLAIM))) {
				restored.add(candidate);
			}
			else if (!candidate.deletedAt().equals(document.get(this.spec.deletedAtField()))) {
				// restored and deleted again since we read it, at the time another
				// document of the chunk was deleted: not the document we read, so give it
				// back
				changed.add(candidate.id());
				restored.add(candidate);
			}
			else {
				claimed.add(candidate);
			}
		}
		if (!changed.isEmpty()) {
			this.collection.updateMany(ChunkIds.filter(changed).append(PurgeFields.CLAIM, this.token),
					Updates.combine(Updates.unset(PurgeFields.CLAIM), Updates.unset(PurgeFields.CLAIMED_AT)));
		}
		return new Result(claimed, restored);
	}

	/**
	 * Hard-deletes the documents that still carry this chunk's claim, in two commands
	 * that select by {@code _id} alone, which every server serves from the {@code _id}
	 * index: the claims are read back first, and the delete takes only the documents
	 * still claimed by this chunk.
	 * @param purged documents whose keys are all confirmed deleted
	 */
	void hardDelete(List<PurgeCandidate> purged) {
		if (purged.isEmpty()) {
			return;
		}
		List<Object> ids = purged.stream().map(PurgeCandidate::id).toList();
		List<Object> stillOurs = new ArrayList<>();
		for (Document document : this.collection.find(Filters.in("_id", ids))
			.projection(Projections.include(PurgeFields.CLAIM))) {
			if (this.token.equals(document.get(PurgeFields.CLAIM))) {
				stillOurs.add(document.get("_id"));
			}
		}
		long deleted = stillOurs.isEmpty() ? 0 : this.collection.deleteMany(Filters.in("_id", stillOurs)).getDeletedCount();
		if (deleted != purged.size()) {
			logger.info("{}: hard-deleted {} of {} documents; the others were already gone or claimed by another "
					+ "purge process", this.spec.name(), deleted, purged.size());
		}
	}

}
