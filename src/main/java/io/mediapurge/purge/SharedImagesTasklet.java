package io.mediapurge.purge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.mediapurge.imagestore.DeleteReport;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.purge.PurgeJournal.DeletedImage;
import io.mediapurge.references.PendingKeys;
import io.mediapurge.references.PendingKeys.PendingKey;
import io.mediapurge.references.ReferenceIndexBuilder;
import io.mediapurge.references.References;

/**
 * The run's last step, {@value #STEP_NAME}: the keys the content-type steps kept because
 * another document showed them ({@link PendingKeys}) are counted again over every
 * document, caught up on what was written meanwhile, and those no document shows any more
 * are deleted. Without it, an image shown only by two due documents purged by two steps
 * at the same time (each step counted the other's document) would be kept by both and
 * left behind for good, no document naming it any more.
 *
 * <p>
 * It runs only once every content-type step has completed; a run that ends earlier leaves
 * the rows to the next run. A dry run leaves them alone. A key S3 does not delete keeps
 * its row, for the next run. A request sent more than {@code recheck-after} after the
 * count is counted again first, as the content-type steps' are: a key shown meanwhile is
 * withheld, and treated as shown.
 */
class SharedImagesTasklet implements Tasklet {

	/** The step's name: not a content type's step ({@code purge-...}). */
	static final String STEP_NAME = "shared-images";

	private static final Logger logger = LoggerFactory.getLogger(SharedImagesTasklet.class);

	private final ReferenceIndexBuilder references;

	private final PendingKeys pendingKeys;

	private final S3ImageDeleter deleter;

	private final PurgeJournal journal;

	private final DeleteFence fence;

	private final long recheckAfterNanos;

	private final PurgeCheckpoints checkpoints;

	SharedImagesTasklet(ReferenceIndexBuilder references, PendingKeys pendingKeys, S3ImageDeleter deleter,
			PurgeJournal journal, DeleteFence fence, Duration recheckAfter, PurgeCheckpoints checkpoints) {
		this.recheckAfterNanos = recheckAfter.toNanos();
		this.checkpoints = checkpoints;
		this.references = references;
		this.pendingKeys = pendingKeys;
		this.deleter = deleter;
		this.journal = journal;
		this.fence = fence;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		PurgeSummary summary = new PurgeSummary();
		step.getExecutionContext().put(PurgeSummary.CONTEXT_KEY, summary.toMap());
		if (MediaPurgeJobParameters.from(step.getJobExecution().getJobParameters()).dryRun()) {
			return RepeatStatus.FINISHED;
		}
		List<PendingKey> pending = this.pendingKeys.all();
		if (pending.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		Set<String> keys = new LinkedHashSet<>();
		pending.forEach(row -> keys.add(row.key()));
		long[] checkedAt = { System.nanoTime() };
		References counted = this.references.snapshotOf(keys);
		counted.catchUp();
		Set<String> unshown = new LinkedHashSet<>();
		Set<String> shown = new LinkedHashSet<>();
		keys.forEach(key -> (counted.count(key) == 0 ? unshown : shown).add(key));
		this.fence.check(step.getJobExecutionId());
		DeleteReport report = this.deleter.delete(unshown, batch -> {
			this.checkpoints.reached(PurgeCheckpoints.Checkpoint.BEFORE_REQUEST);
			long now = System.nanoTime();
			// right before every request, however soon after the last check
			this.fence.check(step.getJobExecutionId());
			if (now - checkedAt[0] < this.recheckAfterNanos) {
				return Set.of();
			}
			counted.catchUp();
			this.fence.check(step.getJobExecutionId());
			checkedAt[0] = now;
			return batch.stream().filter(key -> counted.count(key) > 0).collect(Collectors.toSet());
		});
		shown.addAll(report.withheld());
		Map<String, List<DeletedImage>> audit = new LinkedHashMap<>();
		for (PendingKey row : pending) {
			if (report.deleted().contains(row.key())) {
				audit.computeIfAbsent(row.contentType(), type -> new ArrayList<>())
					.add(new DeletedImage(row.documentId(), row.key()));
			}
		}
		// one token per step execution: a retry of this step's audit adds only what is
		// missing
		String token = STEP_NAME + ":" + step.getId();
		audit.forEach((contentType, images) -> this.journal.recordDeleted(step.getJobExecutionId(), contentType, token,
				images));
		Set<String> resolved = new LinkedHashSet<>(shown);
		resolved.addAll(report.deleted());
		this.pendingKeys.resolved(resolved);
		summary.imagesDeleted = report.deleted().size();
		summary.imagesFailed = report.failed().size();
		summary.imagesShared = shown.size();
		summary.s3Requests = report.requests();
		step.getExecutionContext().put(PurgeSummary.CONTEXT_KEY, summary.toMap());
		logger.info(
				"{}: of {} images kept as shared during the run, {} are no longer shown by any document and were "
						+ "deleted, {} are still shown{}",
				STEP_NAME, keys.size(), report.deleted().size(), shown.size(),
				report.failed().isEmpty() ? "" : "; " + report.failed().size()
						+ " could not be deleted and are left for the next run: " + report.failed());
		return RepeatStatus.FINISHED;
	}

}
