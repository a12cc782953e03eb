package io.mediapurge.purge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.util.DigestUtils;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * One chunk's claim on its documents, keyed by the chunk's claim token: the claim, the
 * release of a document that changed since it was read, and the hard delete. Only the
 * chunk holding a token changes what that token marks.
 *
 * <p>
 * The token is the same for every attempt of one chunk in one step execution (Spring
 * Batch retries a failed write with the same items), so a retry recognises what its
 * earlier attempt claimed, blocked or quarantined, and finishes it as one write would.
 *
 * <p>
 * Claims and blocks are written with majority write concern and read back from the
 * primary: a failover must not roll back a claim after the chunk has deleted images on
 * its strength.
 */
final class ChunkClaim {

	private static final Logger logger = LoggerFactory.getLogger(ChunkClaim.class);

	/**
	 * What a claim found.
	 *
	 * @param claimed the documents this chunk now holds
	 * @param restored the documents restored or changed by the CMS since they were read
	 * @param gone the documents no longer in the collection on a first attempt: deleted
	 * or moved by someone else, so their images are left alone
	 * @param imagesAtClaim the top-level image fields of each claimed document as read
	 * back, by {@code _id} (a field the document lacks is absent): the hard delete takes
	 * a document only while it still has exactly these
	 */
	record Result(List<PurgeCandidate> claimed, List<PurgeCandidate> restored, List<PurgeCandidate> gone,
			Map<Object, Document> imagesAtClaim) {

		Result {
			imagesAtClaim = Collections.unmodifiableMap(new HashMap<>(imagesAtClaim));
		}

		Result(List<PurgeCandidate> claimed, List<PurgeCandidate> restored) {
			this(claimed, restored, List.of(), Map.of());
		}

	}

	private final ContentTypeSpec spec;

	private final MongoCollection<Document> collection;

	private final String token;

	private final Clock clock;

	private ChunkClaim(ContentTypeSpec spec, MongoCollection<Document> collection, String token, Clock clock) {
		this.spec = spec;
		this.collection = collection;
		this.token = token;
		this.clock = clock;
	}

	/**
	 * @param spec the content type
	 * @param mongo the CMS database
	 * @param token the chunk's claim token ({@link #tokenFor})
	 * @param clock the clock of claim times
	 * @return the chunk's claim
	 */
	static ChunkClaim of(ContentTypeSpec spec, MongoOperations mongo, String token, Clock clock) {
		return new ChunkClaim(spec,
				mongo.getCollection(spec.collection())
					.withWriteConcern(WriteConcern.MAJORITY)
					.withReadPreference(ReadPreference.primary()),
				token, clock);
	}

	/**
	 * The claim token of a chunk: the same for every attempt to write these documents in
	 * this step execution, different in any other step execution (a restart included).
	 * @param stepExecutionId the step execution
	 * @param chunk the chunk's documents
	 * @return the token
	 */
	static String tokenFor(long stepExecutionId, List<PurgeCandidate> chunk) {
		StringBuilder ids = new StringBuilder();
		chunk.stream()
			.map(candidate -> candidate.id().getClass().getSimpleName() + ":" + candidate.id())
			.sorted()
			.forEach(id -> ids.append(id).append('\n'));
		return stepExecutionId + "-" + DigestUtils.md5DigestAsHex(ids.toString().getBytes(StandardCharsets.UTF_8));
	}

	String token() {
		return this.token;
	}

	MongoCollection<Document> collection() {
		return this.collection;
	}

	/**
	 * Claims the documents still flagged with the {@code deleted_at} we read. A document
	 * gone altogether counts as claimed only on a retry of this chunk, which meets its
	 * own earlier hard deletes this way; on a first attempt it was deleted or moved by
	 * someone else (a move keeping its {@code _id} into a collection the snapshot has
	 * counted, say), and its images are left alone: a document elsewhere may show them.
	 *
	 * <p>
	 * The claim sets {@code purge_claimed_at} (with {@code purge_claimed_by}, this token)
	 * on a document that has none, and only the token on one that an earlier run already
	 * claimed: the earlier claim stays whatever happens to this one. A quarantined
	 * document is claimed only by the chunk that quarantined it (its own retry). Each
	 * command's condition and write are atomic per document, so a restore the CMS makes
	 * before the claim wins and one it tries after it is refused. A read-back by
	 * {@code _id} then checks each document's {@code deleted_at}; a document that changed
	 * since it was read is released, and only as far as this chunk claimed it; on a retry
	 * only this token is taken back, since the earlier attempt may have deleted its
	 * images.
	 */
	Result claim(List<PurgeCandidate> candidates, boolean retry) {
		List<PurgeCandidate> claimed = new ArrayList<>();
		List<PurgeCandidate> restored = new ArrayList<>();
		List<PurgeCandidate> gone = new ArrayList<>();
		Map<Object, Document> imagesAtClaim = new HashMap<>();
		if (candidates.isEmpty()) {
			return new Result(claimed, restored);
		}
		Date now = Date.from(this.clock.instant());
		List<Object> ids = candidates.stream().map(PurgeCandidate::id).toList();
		List<Date> deletedAts = candidates.stream().map(PurgeCandidate::deletedAt).distinct().toList();
		this.collection.updateMany(claimable(ids, deletedAts, true), Updates.set(PurgeFields.CLAIM, this.token));
		this.collection.updateMany(claimable(ids, deletedAts, false),
				Updates.combine(Updates.set(PurgeFields.CLAIMED_AT, now),
						Updates.set(PurgeFields.CLAIMED_BY, this.token), Updates.set(PurgeFields.CLAIM, this.token)));
		Map<Object, Document> found = new HashMap<>();
		// a pure _id query: every server serves it from the _id index
		for (Document document : this.collection.find(Filters.in("_id", ids))
			.projection(Projections.include(readBackFields()))) {
			found.put(document.get("_id"), document);
		}
		List<Object> changed = new ArrayList<>();
		List<Object> edited = new ArrayList<>();
		for (PurgeCandidate candidate : candidates) {
			Document document = found.get(candidate.id());
			if (document == null) {
				(retry ? claimed : gone).add(candidate);
			}
			else if (!this.token.equals(document.get(PurgeFields.CLAIM))) {
				restored.add(candidate);
			}
			else if (!candidate.deletedAt().equals(document.get(this.spec.deletedAtField()))) {
				// restored and deleted again since we read it, at the time another
				// document of the chunk was deleted: not the document we read
				changed.add(candidate.id());
				restored.add(candidate);
			}
			else if (!sameImages(candidate, document)) {
				// the CMS changed its images since we read it: deleting the ones we read
				// would leave the new ones behind once the record is gone
				logger.warn("{}: document {} shows other images than when it was read; left for the next run",
						this.spec.name(), candidate.reportedId());
				edited.add(candidate.id());
				restored.add(candidate);
			}
			else {
				claimed.add(candidate);
				imagesAtClaim.put(candidate.id(), imageFields(document));
			}
		}
		changed.addAll(edited);
		if (!changed.isEmpty()) {
			if (retry) {
				// an earlier attempt of this chunk may have deleted some of its images
				// (whether the CMS then deleted it again or changed its images): it stays
				// claimed, so the CMS cannot restore it, for the next run
				this.collection.updateMany(ChunkIds.filter(changed).append(PurgeFields.CLAIM, this.token),
						Updates.unset(PurgeFields.CLAIM));
			}
			else {
				release(changed);
			}
		}
		return new Result(claimed, restored, gone, imagesAtClaim);
	}

	private List<String> readBackFields() {
		List<String> fields = new ArrayList<>(this.spec.topLevelImageFields());
		fields.add(PurgeFields.CLAIM);
		fields.add(this.spec.deletedAtField());
		return fields;
	}

	/** The document's image fields as read back, without those it lacks. */
	private Document imageFields(Document document) {
		Document fields = new Document();
		for (String field : this.spec.topLevelImageFields()) {
			if (document.containsKey(field)) {
				fields.append(field, document.get(field));
			}
		}
		return fields;
	}

	/** Whether the document's image fields are those its candidate was made from. */
	private boolean sameImages(PurgeCandidate candidate, Document document) {
		for (String field : this.spec.topLevelImageFields()) {
			if (!Objects.equals(candidate.imageFields().get(field), document.get(field))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The chunk's documents that may be claimed: still flagged, with one of the chunk's
	 * {@code deleted_at} values (each document's own is checked on the read-back), not
	 * quarantined unless by this chunk, and with or without an earlier claim.
	 */
	private Document claimable(List<Object> ids, List<Date> deletedAts, boolean claimedBefore) {
		// the _id condition comes first (see ChunkIds)
		return ChunkIds.filter(ids)
			.append(this.spec.flagField(), true)
			.append("$or",
					List.of(new Document(PurgeFields.QUARANTINED_AT, new Document("$exists", false)),
							new Document(PurgeFields.CLAIM, this.token)))
			.append(this.spec.deletedAtField(), new Document("$in", deletedAts))
			.append(PurgeFields.CLAIMED_AT, new Document("$exists", claimedBefore));
	}

	/**
	 * Gives back documents that changed since they were read: this chunk's token always,
	 * and {@code purge_claimed_at} only where this chunk set it. A claim an earlier run
	 * made stays: that run may have deleted some of the document's images.
	 */
	private void release(List<Object> changed) {
		this.collection.updateMany(
				ChunkIds.filter(changed)
					.append(PurgeFields.CLAIM, this.token)
					.append(PurgeFields.CLAIMED_BY, this.token),
				Updates.combine(Updates.unset(PurgeFields.CLAIM), Updates.unset(PurgeFields.CLAIMED_AT),
						Updates.unset(PurgeFields.CLAIMED_BY)));
		this.collection.updateMany(ChunkIds.filter(changed).append(PurgeFields.CLAIM, this.token),
				Updates.unset(PurgeFields.CLAIM));
	}

	/**
	 * Hard-deletes the documents that still carry this chunk's claim, their soft-delete
	 * flag and exactly the image fields the claim read back, in one command whose filter
	 * says all three ({@link ChunkHardDelete}): a document another process claimed
	 * meanwhile, one unflagged against the contract, or one whose images the CMS changed
	 * after the claim is left alone. On a real MongoDB the filter is an {@code _id} index
	 * lookup with checks on each document found.
	 * @param purged documents whose keys are all confirmed deleted
	 * @param claimed what this chunk's claim found
	 * @return what became of each document
	 */
	ChunkHardDelete.Outcome hardDelete(List<PurgeCandidate> purged, Result claimed) {
		return new ChunkHardDelete(this.spec, this.collection, this.token).delete(purged, claimed.imagesAtClaim());
	}

}
