package io.mediapurge.purge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.MalformedDocumentException;
import io.mediapurge.purge.PurgeJournal.Event;
import io.mediapurge.references.PendingKeys;
import io.mediapurge.references.ReferenceIndexBuilder;
import io.mediapurge.references.References;

/**
 * What one execution of a content-type step knows: its launch parameters, its
 * {@link References} (the snapshot taken when it started, caught up before each chunk's
 * deletes) and its running summary. A new one is made for every step execution
 * ({@link PerExecutionStep}), so a second execution in the same process can neither reset
 * a running step's references nor change its parameters.
 *
 * <p>
 * It decides which keys of a chunk no other document shows, records the keys it keeps so
 * that the run's end can check them again ({@link PendingKeys}), and asks the
 * {@link DeleteFence} before each delete.
 *
 * <p>
 * It also records skips: the reader and processor throw, Spring Batch skips, and this
 * listener counts the skip and writes it to the journal.
 */
class PurgeStepState implements StepExecutionListener, SkipListener<Document, PurgeCandidate> {

	private static final Logger logger = LoggerFactory.getLogger(PurgeStepState.class);

	private final ContentTypeSpec spec;

	private final ReferenceIndexBuilder indexBuilder;

	private final PurgeJournal journal;

	private final MongoOperations mongo;

	private final PurgeProgressListener progress;

	private final @Nullable PendingKeys pendingKeys;

	private final DeleteFence fence;

	private final ChunksInFlight inFlight;

	private StepExecution stepExecution;

	private @Nullable MediaPurgeJobParameters parameters;

	private References references = References.none();

	private PurgeSummary summary = new PurgeSummary();

	PurgeStepState(ContentTypeSpec spec, ReferenceIndexBuilder indexBuilder, PurgeJournal journal,
			MongoOperations mongo) {
		this(spec, indexBuilder, journal, mongo, PurgeProgressListeners.NONE, null, DeleteFence.NONE);
	}

	PurgeStepState(ContentTypeSpec spec, ReferenceIndexBuilder indexBuilder, PurgeJournal journal,
			MongoOperations mongo, PurgeProgressListener progress, @Nullable PendingKeys pendingKeys,
			DeleteFence fence) {
		this(spec, indexBuilder, journal, mongo, progress, pendingKeys, fence, ChunksInFlight.SYNCHRONOUS);
	}

	PurgeStepState(ContentTypeSpec spec, ReferenceIndexBuilder indexBuilder, PurgeJournal journal,
			MongoOperations mongo, PurgeProgressListener progress, @Nullable PendingKeys pendingKeys, DeleteFence fence,
			ChunksInFlight inFlight) {
		this.spec = spec;
		this.inFlight = inFlight;
		this.indexBuilder = indexBuilder;
		this.journal = journal;
		this.mongo = mongo;
		this.progress = progress;
		this.pendingKeys = pendingKeys;
		this.fence = fence;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		JobParameters jobParameters = stepExecution.getJobExecution().getJobParameters();
		this.parameters = MediaPurgeJobParameters.from(jobParameters);
		this.summary = new PurgeSummary();
		if (!this.parameters.includes(this.spec.name())) {
			logger.info("{}: not selected for this run (contentTypes={})", this.spec.name(),
					this.parameters.contentTypes());
			this.references = References.none();
			return;
		}
		logger.info("{}: purging documents of '{}' soft-deleted before {}{}", this.spec.name(), this.spec.collection(),
				this.parameters.cutoff(), this.parameters.dryRun() ? " (dry run: nothing will be deleted)" : "");
		this.references = this.indexBuilder.snapshot(this.spec.collection());
		this.progress.referencesCounted(this.spec.name(), this.parameters.dryRun());
		long quarantined = this.mongo.count(
				new Query(Criteria.where(this.spec.flagField()).is(true).and(PurgeFields.QUARANTINED_AT).exists(true)),
				this.spec.collection());
		if (quarantined > 0) {
			logger.warn(
					"{}: {} documents are quarantined after {} and left alone until an operator clears '{}' (see README)",
					this.spec.name(), quarantined, "repeated failures", PurgeFields.QUARANTINED_AT);
		}
		this.summary.documentsQuarantined = quarantined;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		// first: the summary and the step's status must include every chunk's back
		ExitStatus backs = this.inFlight.drain(stepExecution);
		if (this.parameters == null) {
			return backs;
		}
		this.summary.documentsRead = stepExecution.getReadCount();
		stepExecution.getExecutionContext().put(PurgeSummary.CONTEXT_KEY, this.summary.toMap());
		try {
			this.journal.saveSummary(stepExecution.getJobExecutionId(), stepExecution.getId(), this.spec.name(),
					this.parameters.dryRun(), this.summary);
		}
		catch (RuntimeException ex) {
			if (backs == null) {
				throw ex;
			}
			// Spring Batch would log it and drop the exit status that fails the step
			logger.error("{}: the step's summary was not saved", this.spec.name(), ex);
		}
		logger.info("{}: {} {}{}", this.spec.name(), stepExecution.getStatus(), this.summary,
				this.parameters.dryRun() ? " (dry run: counts say what would have been deleted)" : "");
		if (selected()) {
			this.progress.stepEnded(this.spec.name(), this.parameters.dryRun(), this.summary);
		}
		return backs;
	}

	@Override
	public void onSkipInProcess(Document item, Throwable t) {
		String code = (t instanceof MalformedDocumentException malformed) ? malformed.reasonCode()
				: t.getClass().getSimpleName();
		skipped(code);
		this.progress.documentSkipped(this.spec.name(), dryRun(), code);
		this.journal.recordEvent(jobExecutionId(), stepExecutionId(), this.spec.name(), this.spec.reportedId(item),
				Event.SKIPPED, code, String.valueOf(t.getMessage()), null);
	}

	@Override
	public void onSkipInRead(Throwable t) {
		String code = t.getClass().getSimpleName();
		skipped(code);
		this.progress.documentSkipped(this.spec.name(), dryRun(), code);
		this.journal.recordEvent(jobExecutionId(), stepExecutionId(), this.spec.name(), "(unreadable)", Event.SKIPPED,
				code, String.valueOf(t.getMessage()), null);
	}

	/**
	 * Counts a skip, on the step's thread, while a chunk's back may be merging its counts
	 * on its own ({@link #add}).
	 */
	private synchronized void skipped(String code) {
		this.summary.skipped(code);
	}

	/**
	 * Merges a chunk's counts, once its writes have succeeded, and tells the listeners.
	 * Chunks' backs may end at the same time on threads of their own.
	 */
	synchronized void add(PurgeSummary chunk) {
		this.summary.merge(chunk);
		this.summary.documentsRead = this.stepExecution.getReadCount();
		this.stepExecution.getExecutionContext().put(PurgeSummary.CONTEXT_KEY, this.summary.toMap());
		this.progress.chunkWritten(this.spec.name(), dryRun(), chunk);
	}

	boolean selected() {
		return this.parameters.includes(this.spec.name());
	}

	boolean dryRun() {
		return this.parameters.dryRun();
	}

	Instant cutoff() {
		return this.parameters.cutoff();
	}

	/**
	 * Right before a chunk's deletes: reads what was written since the last check, and
	 * returns the keys of the claimed documents that no other document shows. In a real
	 * run, records the keys it keeps ({@link PendingKeys}), before anything is deleted.
	 * @param claimed the chunk's claimed documents
	 * @return their keys that may be deleted
	 */
	Set<String> unsharedKeys(List<PurgeCandidate> claimed) {
		this.references.catchUp();
		Set<String> unshared = this.references.unshared(this.spec.collection(), keysById(claimed));
		recordKept(claimed, key -> !unshared.contains(key));
		return unshared;
	}

	/**
	 * Right before a DeleteObjects request sent long after its chunk's check: reads what
	 * was written since, and returns those of the keys that no other document shows
	 * still. The keys it no longer finds unshared are recorded as kept, as
	 * {@link #unsharedKeys} does.
	 * @param claimed the chunk's claimed documents
	 * @param keys the request's keys, all found unshared before
	 * @return those of them that may still be deleted
	 */
	Set<String> stillUnshared(List<PurgeCandidate> claimed, Set<String> keys) {
		this.references.catchUp();
		Set<String> unshared = this.references.unshared(this.spec.collection(), keysById(claimed));
		recordKept(claimed, key -> keys.contains(key) && !unshared.contains(key));
		Set<String> still = new LinkedHashSet<>(keys);
		still.retainAll(unshared);
		return still;
	}

	/** In a real run, records the chunk's keys it keeps for the run's last step. */
	private void recordKept(List<PurgeCandidate> claimed, Predicate<String> kept) {
		if (dryRun() || this.pendingKeys == null) {
			return;
		}
		List<PendingKeys.Kept> rows = new ArrayList<>();
		for (PurgeCandidate candidate : claimed) {
			candidate.keys()
				.stream()
				.filter(kept)
				.forEach(key -> rows.add(new PendingKeys.Kept(candidate.reportedId(), key)));
		}
		this.pendingKeys.record(jobExecutionId(), this.spec.name(), rows);
	}

	/**
	 * Right before a delete (S3 or MongoDB) of a real run.
	 * @throws DeleteFencedException when this execution must delete nothing more
	 */
	void fence() {
		if (!dryRun()) {
			this.fence.check(jobExecutionId());
		}
	}

	/**
	 * Documents hard-deleted, once nothing of their chunk's write can fail any more.
	 * @param purged the documents
	 */
	void hardDeleted(List<PurgeCandidate> purged) {
		this.references.hardDeleted(this.spec.collection(), keysById(purged));
	}

	/**
	 * @return what this step knows of who shows which key
	 */
	References references() {
		return this.references;
	}

	private static Map<Object, Set<String>> keysById(List<PurgeCandidate> candidates) {
		Map<Object, Set<String>> keys = new LinkedHashMap<>();
		candidates.forEach(candidate -> keys.put(candidate.id(), candidate.keys()));
		return keys;
	}

	long jobExecutionId() {
		return this.stepExecution.getJobExecutionId();
	}

	long stepExecutionId() {
		return this.stepExecution.getId();
	}

}
