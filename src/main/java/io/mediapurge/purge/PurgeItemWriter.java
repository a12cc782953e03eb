package io.mediapurge.purge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
import io.mediapurge.imagestore.SendCheck;
import io.mediapurge.purge.DryRunPlanRecorder.PlannedDocument;
import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;
import io.mediapurge.purge.PurgeJournal.DeletedImage;
import io.mediapurge.purge.PurgeJournal.DocumentEvent;
import io.mediapurge.purge.PurgeJournal.Event;

/**
 * Purges one chunk of soft-deleted documents of a content type, with a constant number of
 * MongoDB commands and as few DeleteObjects requests as the keys allow:
 * <ol>
 * <li>claims the documents ({@link ChunkClaim}), so the CMS can no longer restore them; a
 * document restored meanwhile is left alone with all its images;</li>
 * <li>asks {@link DeletableKeys}, right before deleting, which of their keys may go: a
 * key it refuses is kept;</li>
 * <li>deletes those keys from S3 and writes them to the audit log;</li>
 * <li>hard-deletes only the documents whose keys are all confirmed deleted, and only
 * while they still carry this chunk's claim, their flag and the image fields the claim
 * read back ({@link ChunkHardDelete});</li>
 * <li>blocks the others, and those whose images the CMS changed after the claim
 * ({@link BlockedDocuments}): they stay flagged and claimed, with the attempt and the
 * reason recorded on the document, and are quarantined after too many attempts.</li>
 * </ol>
 * Every step is idempotent, so Spring Batch may retry the whole write after a transient
 * failure: deleting an absent key succeeds and a hard delete of a deleted record matches
 * nothing.
 *
 * <p>
 * The claim is the chunk's front; everything from the reference check on is its back.
 * With {@code media-purge.s3.delete.max-chunks-in-flight} above 1, the back runs on a
 * thread of {@link ChunksInFlight} while the step reads and claims the next chunk: the
 * check still comes right before the chunk's own DeleteObjects, so a document written
 * while the back waited is seen, and a chunk's documents still count for their keys until
 * its back has hard-deleted them, so no back deletes a key that another chunk, in flight
 * or not yet read, shows (kept, it is left to the run's last step). The step commits a
 * chunk once its front is done; the claim is the point of no return, and a restart reads
 * claimed documents again, since they stay flagged until hard-deleted.
 */
class PurgeItemWriter implements ItemWriter<PurgeCandidate> {

	private static final Logger logger = LoggerFactory.getLogger(PurgeItemWriter.class);

	private final ContentTypeSpec spec;

	private final MongoOperations mongo;

	private final S3ImageDeleter deleter;

	private final PurgeJournal journal;

	private final PurgeStepState state;

	private final DeletableKeys deletableKeys;

	private final PurgeCheckpoints checkpoints;

	private final int maxAttempts;

	private final Clock clock;

	private final @Nullable DryRunPlanRecorder planRecorder;

	private final ChunksInFlight inFlight;

	/** The claim tokens of the chunks this step execution has written or tried to. */
	private final Set<String> attemptedTokens = ConcurrentHashMap.newKeySet();

	PurgeItemWriter(ContentTypeSpec spec, MongoOperations mongo, S3ImageDeleter deleter, PurgeJournal journal,
			PurgeStepState state, int maxAttempts, Clock clock) {
		this(spec, mongo, deleter, journal, state, new ReferenceCountCheck(state), PurgeCheckpoints.NONE, maxAttempts,
				clock, null, ChunksInFlight.SYNCHRONOUS);
	}

	PurgeItemWriter(ContentTypeSpec spec, MongoOperations mongo, S3ImageDeleter deleter, PurgeJournal journal,
			PurgeStepState state, DeletableKeys deletableKeys, PurgeCheckpoints checkpoints, int maxAttempts,
			Clock clock, @Nullable DryRunPlanRecorder planRecorder, ChunksInFlight inFlight) {
		this.spec = spec;
		this.mongo = mongo;
		this.deleter = deleter;
		this.journal = journal;
		this.state = state;
		this.deletableKeys = deletableKeys;
		this.checkpoints = checkpoints;
		this.maxAttempts = maxAttempts;
		this.clock = clock;
		this.planRecorder = planRecorder;
		this.inFlight = inFlight;
	}

	@Override
	public void write(Chunk<? extends PurgeCandidate> chunk) {
		if (this.state.dryRun() || !this.inFlight.overlapped()) {
			back(front(chunk));
			return;
		}
		this.inFlight.checkFailed();
		Front front = front(chunk);
		this.inFlight.handOver(() -> back(front));
	}

	/**
	 * What a chunk's front leaves to its back.
	 *
	 * @param candidates the chunk's documents
	 * @param claim the chunk's claim
	 * @param claimed what the claim found
	 */
	private record Front(List<PurgeCandidate> candidates, ChunkClaim claim, ChunkClaim.Result claimed) {
	}

	/**
	 * The chunk's front, on the step's thread: claims the documents whose URLs may become
	 * deletes.
	 */
	private Front front(Chunk<? extends PurgeCandidate> chunk) {
		List<PurgeCandidate> candidates = List.copyOf(chunk.getItems());
		List<PurgeCandidate> claimable = new ArrayList<>();
		for (PurgeCandidate candidate : candidates) {
			this.journal.otherBucketUrls(this.spec.name(), candidate.reportedId(), candidate.otherBucketUrls(),
					this.deleter.bucket());
			if (!candidate.blockedBySuspiciousUrl()) {
				claimable.add(candidate);
			}
		}
		ChunkClaim claim = ChunkClaim.of(this.spec, this.mongo,
				ChunkClaim.tokenFor(this.state.stepExecutionId(), candidates), this.clock);
		// a chunk written again (Spring Batch's retry) has the same token
		boolean retry = !this.attemptedTokens.add(claim.token());
		ChunkClaim.Result claimed = this.state.dryRun() ? new ChunkClaim.Result(claimable, List.of())
				: claim.claim(claimable, retry);
		this.checkpoints.reached(Checkpoint.AFTER_CLAIM);
		return new Front(candidates, claim, claimed);
	}

	/**
	 * The chunk's back: right before its deletes, which keys may go (the references
	 * caught up then, as every chunk's are), then the deletes and records. Runs on the
	 * step's thread, or with {@code max-chunks-in-flight} above 1 on a thread of
	 * {@link ChunksInFlight} while the step claims the next chunk; either way it may run
	 * again whole after a transient failure.
	 */
	private void back(Front front) {
		this.checkpoints.reached(Checkpoint.BEFORE_CHECK);
		boolean dryRun = this.state.dryRun();
		ChunkClaim claim = front.claim();
		ChunkClaim.Result claimed = front.claimed();
		PurgeSummary summary = new PurgeSummary();
		BlockedDocuments blocked = new BlockedDocuments(this.spec, this.maxAttempts, dryRun);
		for (PurgeCandidate candidate : front.candidates()) {
			summary.imagesExternal += candidate.externalUrls().size();
			summary.imagesOtherBucket += candidate.otherBucketUrls().size();
			if (candidate.blockedBySuspiciousUrl()) {
				ImageReference.Suspicious first = candidate.suspicious().get(0);
				blocked.add(candidate, "suspicious-url", "URL '" + first.url() + "' refused: " + first.reason(), null);
			}
		}
		Set<String> keys = new LinkedHashSet<>();
		claimed.claimed().forEach(candidate -> keys.addAll(candidate.keys()));
		SendCheck recheck = this.deletableKeys.beforeEachRequest(claimed.claimed());
		DeletableKeys.Decision decision = this.deletableKeys.decide(claimed.claimed(), keys);
		summary.imagesShared += decision.kept().size();

		List<DocumentEvent> events = new ArrayList<>();
		List<PurgeCandidate> purged;
		if (dryRun) {
			summary.imagesDeleted += decision.deletable().size();
			purged = claimed.claimed();
			recordPlan(purged, decision.deletable(), blocked);
		}
		else {
			List<PurgeCandidate> confirmed = deleteImages(claimed.claimed(), decision.deletable(), recheck, summary,
					blocked, claim.token());
			// the fence again: S3's answers may have taken a while
			this.state.fence();
			ChunkHardDelete.Outcome hardDeleted = claim.hardDelete(confirmed, claimed);
			purged = hardDeleted.deleted();
			// their images are gone as the claim read them back: they stay claimed
			hardDeleted.blocked()
				.forEach(left -> blocked.add(left.candidate(), left.reasonCode(), left.reason(), null));
			blocked.write(claim.collection(), claim.token(), Date.from(this.clock.instant()));
			this.checkpoints.reached(Checkpoint.AFTER_HARD_DELETE);
			hardDeleted.notHeld()
				.forEach(left -> events.add(new DocumentEvent(left.candidate().reportedId(), Event.RESTORED,
						left.reasonCode(), left.reason(), null)));
			summary.documentsRestored += hardDeleted.notHeld().size();
		}
		summary.documentsPurged += purged.size();
		summary.documentsRestored += claimed.restored().size() + claimed.gone().size();
		for (PurgeCandidate candidate : claimed.restored()) {
			events.add(new DocumentEvent(candidate.reportedId(), Event.RESTORED, "restored",
					"restored or changed by the CMS before its claim; left alone", null));
		}
		for (PurgeCandidate candidate : claimed.gone()) {
			events.add(new DocumentEvent(candidate.reportedId(), Event.RESTORED, "gone-before-claim",
					"deleted or moved by someone else before its claim; its images are left alone "
							+ "(the orphan sweep finds them if nothing shows them)",
					null));
		}
		blocked.report(summary, events);
		// the last step that can fail: a retry rewrites the events of its token
		this.journal.recordEvents(this.state.jobExecutionId(), this.state.stepExecutionId(), this.spec.name(),
				claim.token(), events);
		this.state.add(summary);
		this.deletableKeys.hardDeleted(purged);
		logger.debug("{} chunk: {}", this.spec.name(), summary);
	}

	/**
	 * Deletes the deletable keys, records them in the audit log, and blocks each claimed
	 * document with a key S3 did not delete. A key the recheck withholds right before its
	 * request is kept as shared.
	 * @return the documents whose keys are all gone (or kept as shared)
	 */
	private List<PurgeCandidate> deleteImages(List<PurgeCandidate> claimed, Set<String> deletable, SendCheck recheck,
			PurgeSummary summary, BlockedDocuments blocked, String token) {
		// deleted before by another chunk: a retry's own first attempt does not count
		Set<String> seenBefore = this.journal.previouslyDeleted(deletable, token);
		DeleteReport report = this.deleter.delete(deletable, keys -> {
			this.checkpoints.reached(Checkpoint.BEFORE_REQUEST);
			return recheck.withhold(keys);
		});
		this.checkpoints.reached(Checkpoint.AFTER_S3_DELETE);
		summary.imagesShared += report.withheld().size();
		summary.s3Requests += report.requests();
		summary.imagesDeleted += report.deleted().size();
		summary.imagesFailed += report.failed().size();
		summary.imagesAlreadyAbsent += seenBefore.stream().filter(report.deleted()::contains).count();
		List<DeletedImage> audit = new ArrayList<>();
		List<PurgeCandidate> purged = new ArrayList<>();
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
				DeleteReport.KeyFailure failure = report.failed().get(failedKey);
				blocked.add(candidate, "s3-" + failure.code(), "S3 did not delete key: " + failure.reason(), failedKey);
			}
		}
		this.journal.recordDeleted(this.state.jobExecutionId(), this.spec.name(), token, audit);
		this.checkpoints.reached(Checkpoint.AFTER_AUDIT);
		return purged;
	}

	/**
	 * Dry run only: what each document of the chunk would undergo, for a person to
	 * review.
	 */
	private void recordPlan(List<PurgeCandidate> claimed, Set<String> deletable, BlockedDocuments blocked) {
		if (this.planRecorder == null) {
			return;
		}
		List<PlannedDocument> plan = new ArrayList<>();
		for (PurgeCandidate candidate : claimed) {
			List<String> keys = candidate.keys().stream().sorted().toList();
			plan.add(new PlannedDocument(String.valueOf(candidate.id()), candidate.reportedId(),
					keys.stream().filter(deletable::contains).toList(),
					keys.stream().filter(key -> !deletable.contains(key)).toList(), candidate.foreignUrls(), null,
					null));
		}
		for (BlockedDocuments.Block block : blocked.blocks()) {
			PurgeCandidate candidate = block.candidate();
			plan.add(new PlannedDocument(String.valueOf(candidate.id()), candidate.reportedId(), List.of(), List.of(),
					candidate.foreignUrls(), block.reasonCode(), block.reason()));
		}
		this.planRecorder.record(this.state.jobExecutionId(), this.spec.name(), plan);
	}

}
