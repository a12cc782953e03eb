package io.mediapurge.purge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.DeleteReport;
import io.mediapurge.imagestore.ImageReference;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.purge.DryRunPlanRecorder.PlannedDocument;
import io.mediapurge.purge.PurgeJournal.DeletedImage;
import io.mediapurge.purge.PurgeJournal.DocumentEvent;
import io.mediapurge.purge.PurgeJournal.Event;

/**
 * Purges one chunk of soft-deleted documents of a content type, with a constant number of
 * MongoDB commands and as few DeleteObjects requests as the keys allow:
 * <ol>
 * <li>claims the documents with one conditional bulk update (still flagged, same
 * {@code deleted_at} as read), so the CMS can no longer restore them; a document restored
 * meanwhile is left alone with all its images;</li>
 * <li>keeps every key that a document outside the claimed set still shows, caught up on
 * what was written since the step began ({@link PurgeStepState#unsharedKeys});</li>
 * <li>deletes the other keys from S3, once the {@link DeleteFence} allows it, and writes
 * them to the audit log;</li>
 * <li>hard-deletes only the documents whose keys are all confirmed deleted, and only
 * while they still carry this chunk's claim;</li>
 * <li>blocks the others: they stay flagged and claimed (some of their images may be gone,
 * so they must not be restored), with the attempt count and the reason recorded on the
 * document, and are quarantined after too many attempts.</li>
 * </ol>
 * Every step is idempotent, so Spring Batch may retry the whole write after a transient
 * failure: deleting an absent key succeeds and a hard delete of a deleted record matches
 * nothing.
 */
class PurgeItemWriter implements ItemWriter<PurgeCandidate> {

	private static final Logger logger = LoggerFactory.getLogger(PurgeItemWriter.class);

	private final ContentTypeSpec spec;

	private final MongoOperations mongo;

	private final S3ImageDeleter deleter;

	private final PurgeJournal journal;

	private final PurgeStepState state;

	private final int maxAttempts;

	private final Clock clock;

	private final @Nullable DryRunPlanRecorder planRecorder;

	/** A document that will stay flagged, and why. */
	private record Block(PurgeCandidate candidate, String reasonCode, String reason, String key) {
	}

	PurgeItemWriter(ContentTypeSpec spec, MongoOperations mongo, S3ImageDeleter deleter, PurgeJournal journal,
			PurgeStepState state, int maxAttempts, Clock clock) {
		this(spec, mongo, deleter, journal, state, maxAttempts, clock, null);
	}

	PurgeItemWriter(ContentTypeSpec spec, MongoOperations mongo, S3ImageDeleter deleter, PurgeJournal journal,
			PurgeStepState state, int maxAttempts, Clock clock, @Nullable DryRunPlanRecorder planRecorder) {
		this.spec = spec;
		this.mongo = mongo;
		this.deleter = deleter;
		this.journal = journal;
		this.state = state;
		this.maxAttempts = maxAttempts;
		this.clock = clock;
		this.planRecorder = planRecorder;
	}

	@Override
	public void write(Chunk<? extends PurgeCandidate> chunk) {
		PurgeSummary summary = new PurgeSummary();
		List<Block> blocks = new ArrayList<>();
		List<PurgeCandidate> claimable = new ArrayList<>();
		for (PurgeCandidate candidate : chunk.getItems()) {
			summary.imagesExternal += candidate.externalUrls().size();
			if (candidate.blockedBySuspiciousUrl()) {
				ImageReference.Suspicious first = candidate.suspicious().get(0);
				blocks.add(new Block(candidate, "suspicious-url",
						"URL '" + first.url() + "' refused: " + first.reason(), null));
			}
			else {
				claimable.add(candidate);
			}
		}
		String token = UUID.randomUUID().toString();
		List<PurgeCandidate> claimed = new ArrayList<>();
		List<PurgeCandidate> restored = new ArrayList<>();
		claim(claimable, token, claimed, restored);
		KillPoints.reach(KillPoints.AFTER_CLAIM);

		Set<String> chunkKeys = new LinkedHashSet<>();
		claimed.forEach(candidate -> chunkKeys.addAll(candidate.keys()));
		Set<String> deletable = this.state.unsharedKeys(claimed);
		summary.imagesShared += chunkKeys.size() - deletable.size();

		List<PurgeCandidate> purged = new ArrayList<>();
		if (this.state.dryRun()) {
			summary.imagesDeleted += deletable.size();
			purged.addAll(claimed);
			recordPlan(claimed, deletable, blocks);
		}
		else {
			Set<String> seenBefore = this.journal.previouslyDeleted(deletable);
			this.state.fence();
			DeleteReport report = this.deleter.delete(deletable);
			KillPoints.reach(KillPoints.AFTER_S3_DELETE);
			summary.s3Requests += report.requests();
			summary.imagesDeleted += report.deleted().size();
			summary.imagesFailed += report.failed().size();
			summary.imagesAlreadyAbsent += seenBefore.stream().filter(report.deleted()::contains).count();
			List<DeletedImage> audit = new ArrayList<>();
			for (PurgeCandidate candidate : claimed) {
				String failedKey = null;
				for (String key : candidate.keys()) {
					if (report.deleted().contains(key)) {
						audit.add(new DeletedImage(candidate.reportedId(), key));
					}
					else if (report.failed().containsKey(key) && failedKey == null) {
						failedKey = key;
					}
				}
				if (failedKey == null) {
					purged.add(candidate);
				}
				else {
					String reason = report.failed().get(failedKey);
					blocks.add(new Block(candidate, "s3-" + reasonCode(reason), "S3 did not delete key: " + reason,
							failedKey));
				}
			}
			this.journal.recordDeleted(this.state.jobExecutionId(), this.spec.name(), audit);
			KillPoints.reach(KillPoints.AFTER_AUDIT);
			this.state.fence();
			hardDelete(purged, token);
			recordBlocks(blocks, token);
		}
		summary.documentsPurged += purged.size();
		summary.documentsRestored += restored.size();
		List<DocumentEvent> events = new ArrayList<>();
		for (PurgeCandidate candidate : restored) {
			events.add(new DocumentEvent(candidate.reportedId(), Event.RESTORED, "restored",
					"restored or changed by the CMS before its claim; left alone", null));
		}
		for (Block block : blocks) {
			boolean quarantine = !this.state.dryRun() && block.candidate().attempts() + 1 >= this.maxAttempts;
			summary.blocked(block.reasonCode());
			if (quarantine) {
				summary.documentsQuarantined++;
			}
			events.add(new DocumentEvent(block.candidate().reportedId(), quarantine ? Event.QUARANTINED : Event.BLOCKED,
					block.reasonCode(), block.reason() + " (attempt " + (block.candidate().attempts() + 1) + " of "
							+ this.maxAttempts + ")",
					block.key()));
		}
		this.journal.recordEvents(this.state.jobExecutionId(), this.state.stepExecutionId(), this.spec.name(), events);
		this.state.add(summary);
		// Last, once nothing of this write can fail: a retried write meets its own
		// hard-deleted documents again and must find their keys still counted, or a key
		// they share with a live document would look unshared.
		this.state.hardDeleted(purged);
		logger.debug("{} chunk: {}", this.spec.name(), summary);
		KillPoints.reach(KillPoints.AFTER_HARD_DELETE);
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
	private void claim(List<PurgeCandidate> candidates, String token, List<PurgeCandidate> claimed,
			List<PurgeCandidate> restored) {
		if (candidates.isEmpty()) {
			return;
		}
		if (this.state.dryRun()) {
			claimed.addAll(candidates);
			return;
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
		collection().updateMany(filter,
				Updates.combine(Updates.set(PurgeFields.CLAIMED_AT, now), Updates.set(PurgeFields.CLAIM, token)));
		Map<Object, Document> found = new HashMap<>();
		// a pure _id query: every server serves it from the _id index
		for (Document document : collection().find(Filters.in("_id", ids))
			.projection(Projections.include(PurgeFields.CLAIM, this.spec.deletedAtField()))) {
			found.put(document.get("_id"), document);
		}
		List<Object> changed = new ArrayList<>();
		for (PurgeCandidate candidate : candidates) {
			Document document = found.get(candidate.id());
			if (document == null) {
				claimed.add(candidate);
			}
			else if (!token.equals(document.get(PurgeFields.CLAIM))) {
				restored.add(candidate);
			}
			else if (!candidate.deletedAt().equals(document.get(this.spec.deletedAtField()))) {
				// restored and deleted again since we read it, at the time another
				// document
				// of the chunk was deleted: not the document we read, so give it back
				changed.add(candidate.id());
				restored.add(candidate);
			}
			else {
				claimed.add(candidate);
			}
		}
		if (!changed.isEmpty()) {
			collection().updateMany(ChunkIds.filter(changed).append(PurgeFields.CLAIM, token),
					Updates.combine(Updates.unset(PurgeFields.CLAIM), Updates.unset(PurgeFields.CLAIMED_AT)));
		}
	}

	/**
	 * Hard-deletes the documents that still carry this chunk's claim, in two commands
	 * that select by {@code _id} alone, which every server serves from the {@code _id}
	 * index: the claims are read back first, and the delete takes only the documents
	 * still claimed by this chunk. Nothing but another purge process changes a claim (the
	 * CMS may not touch a claimed document), and a document whose claim another process
	 * took over before the read-back is left to that process. One taken over between the
	 * read-back and the delete (a process that outlived its lease) is deleted all the
	 * same: every one of its images is confirmed deleted by now, so nothing is lost.
	 */
	private void hardDelete(List<PurgeCandidate> purged, String token) {
		if (purged.isEmpty()) {
			return;
		}
		List<Object> ids = purged.stream().map(PurgeCandidate::id).toList();
		List<Object> stillOurs = new ArrayList<>();
		for (Document document : collection().find(Filters.in("_id", ids))
			.projection(Projections.include(PurgeFields.CLAIM))) {
			if (token.equals(document.get(PurgeFields.CLAIM))) {
				stillOurs.add(document.get("_id"));
			}
		}
		long deleted = stillOurs.isEmpty() ? 0
				: collection().deleteMany(Filters.in("_id", stillOurs)).getDeletedCount();
		if (deleted != purged.size()) {
			logger.info("{}: hard-deleted {} of {} documents; the others were already gone or claimed by another "
					+ "purge process", this.spec.name(), deleted, purged.size());
		}
	}

	private void recordBlocks(List<Block> blocks, String token) {
		if (blocks.isEmpty()) {
			return;
		}
		Date now = Date.from(this.clock.instant());
		List<UpdateOneModel<Document>> updates = new ArrayList<>();
		for (Block block : blocks) {
			// A claimed document keeps purge_claimed_at: some of its images may be gone
			// already, so it
			// must not be restored; the next run finishes it.
			List<Bson> changes = new ArrayList<>(List.of(Updates.unset(PurgeFields.CLAIM),
					Updates.inc(PurgeFields.ATTEMPTS, 1), Updates.set(PurgeFields.LAST_ERROR, block.reason()),
					Updates.set(PurgeFields.LAST_ATTEMPT_AT, now)));
			if (block.candidate().attempts() + 1 >= this.maxAttempts) {
				changes.add(Updates.set(PurgeFields.QUARANTINED_AT, now));
			}
			Bson filter = block.candidate().blockedBySuspiciousUrl()
					? Filters.and(Filters.eq("_id", block.candidate().id()), Filters.eq(this.spec.flagField(), true))
					: Filters.and(Filters.eq("_id", block.candidate().id()), Filters.eq(PurgeFields.CLAIM, token));
			updates.add(new UpdateOneModel<>(filter, Updates.combine(changes)));
		}
		collection().bulkWrite(updates, new BulkWriteOptions().ordered(false));
	}

	/**
	 * Dry run only: what each document of the chunk would undergo, for a person to
	 * review.
	 */
	private void recordPlan(List<PurgeCandidate> claimed, Set<String> deletable, List<Block> blocks) {
		if (this.planRecorder == null) {
			return;
		}
		List<PlannedDocument> plan = new ArrayList<>();
		for (PurgeCandidate candidate : claimed) {
			List<String> keys = candidate.keys().stream().sorted().toList();
			plan.add(new PlannedDocument(String.valueOf(candidate.id()), candidate.reportedId(),
					keys.stream().filter(deletable::contains).toList(),
					keys.stream().filter(key -> !deletable.contains(key)).toList(), candidate.externalUrls(), null,
					null));
		}
		for (Block block : blocks) {
			PurgeCandidate candidate = block.candidate();
			plan.add(new PlannedDocument(String.valueOf(candidate.id()), candidate.reportedId(), List.of(), List.of(),
					candidate.externalUrls(), block.reasonCode(), block.reason()));
		}
		this.planRecorder.record(this.state.jobExecutionId(), this.spec.name(), plan);
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(this.spec.collection());
	}

	private static String reasonCode(String reason) {
		int colon = reason.indexOf(':');
		String code = (colon > 0 ? reason.substring(0, colon) : reason).replaceAll("[^A-Za-z0-9]+", "-");
		return code.startsWith("no-success") ? "transient-exhausted" : code;
	}

}
