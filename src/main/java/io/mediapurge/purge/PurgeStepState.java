package io.mediapurge.purge;

import java.time.Instant;

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

/**
 * What one execution of a content-type step knows: its launch parameters, the reference
 * index taken when it started and its running summary. Reset at every step start, so one
 * process can run the job many times.
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

	private StepExecution stepExecution;

	private @Nullable MediaPurgeJobParameters parameters;

	private ReferenceIndex references = new ReferenceIndex();

	private PurgeSummary summary = new PurgeSummary();

	PurgeStepState(ContentTypeSpec spec, ReferenceIndexBuilder indexBuilder, PurgeJournal journal,
			MongoOperations mongo) {
		this(spec, indexBuilder, journal, mongo, PurgeProgressListeners.NONE);
	}

	PurgeStepState(ContentTypeSpec spec, ReferenceIndexBuilder indexBuilder, PurgeJournal journal,
			MongoOperations mongo, PurgeProgressListener progress) {
		this.spec = spec;
		this.indexBuilder = indexBuilder;
		this.journal = journal;
		this.mongo = mongo;
		this.progress = progress;
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
			this.references = new ReferenceIndex();
			return;
		}
		logger.info("{}: purging documents of '{}' soft-deleted before {}{}", this.spec.name(), this.spec.collection(),
				this.parameters.cutoff(), this.parameters.dryRun() ? " (dry run: nothing will be deleted)" : "");
		this.references = this.indexBuilder.build();
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
		if (this.parameters == null) {
			return null;
		}
		this.summary.documentsRead = stepExecution.getReadCount();
		stepExecution.getExecutionContext().put(PurgeSummary.CONTEXT_KEY, this.summary.toMap());
		this.journal.saveSummary(stepExecution.getJobExecutionId(), stepExecution.getId(), this.spec.name(),
				this.parameters.dryRun(), this.summary);
		logger.info("{}: {} {}{}", this.spec.name(), stepExecution.getStatus(), this.summary,
				this.parameters.dryRun() ? " (dry run: counts say what would have been deleted)" : "");
		if (selected()) {
			this.progress.stepEnded(this.spec.name(), this.parameters.dryRun(), this.summary);
		}
		return null;
	}

	@Override
	public void onSkipInProcess(Document item, Throwable t) {
		String code = (t instanceof MalformedDocumentException malformed) ? malformed.reasonCode()
				: t.getClass().getSimpleName();
		this.summary.skipped(code);
		this.progress.documentSkipped(this.spec.name(), dryRun(), code);
		this.journal.recordEvent(jobExecutionId(), stepExecutionId(), this.spec.name(), this.spec.reportedId(item),
				Event.SKIPPED, code, String.valueOf(t.getMessage()), null);
	}

	@Override
	public void onSkipInRead(Throwable t) {
		String code = t.getClass().getSimpleName();
		this.summary.skipped(code);
		this.progress.documentSkipped(this.spec.name(), dryRun(), code);
		this.journal.recordEvent(jobExecutionId(), stepExecutionId(), this.spec.name(), "(unreadable)", Event.SKIPPED,
				code, String.valueOf(t.getMessage()), null);
	}

	/**
	 * Merges a chunk's counts, once its writes have succeeded, and tells the listeners.
	 */
	void add(PurgeSummary chunk) {
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

	ReferenceIndex references() {
		return this.references;
	}

	long jobExecutionId() {
		return this.stepExecution.getJobExecutionId();
	}

	long stepExecutionId() {
		return this.stepExecution.getId();
	}

}
