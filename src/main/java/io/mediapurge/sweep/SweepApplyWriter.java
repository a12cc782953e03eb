package io.mediapurge.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.imagestore.DeleteReport;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.imagestore.SendCheck;
import io.mediapurge.purge.DeleteFence;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlanRecords;
import io.mediapurge.sweep.plan.SweepPlanRecords.Decision;

/**
 * Applies a chunk of a plan's keys. A key is deleted only when, at this moment, no
 * document shows it (the apply's own mark, caught up before each chunk with the documents
 * written since, less the clock skew) and the bucket holds it unchanged: same ETag and
 * LastModified as when planned (one listing of the chunk's key range). Every other key is
 * kept, with the reason. The deletes go through {@link S3ImageDeleter} (DeleteObjects of
 * up to 1,000 keys, the rate limiter, retries and backoff); each confirmed delete is
 * written to the audit log at once, in a transaction of its own. The chunk's outcomes are
 * written last, in one batch, and commit with the chunk. Right before each DeleteObjects
 * the {@link DeleteFence} (the purge's, on the job's lease) must let this execution
 * delete, or the step fails with nothing more deleted; and a request that leaves more
 * than {@code media-purge.references.recheck-after} after the chunk's catch-up (its
 * listing took a while, it waited for its budget or backed off) catches up again first: a
 * key a document started to show meanwhile is kept. With
 * {@code media-purge.sweep.conditional-deletes} (the default) each key is sent with its
 * planned ETag, so that S3 itself keeps a key overwritten after the chunk was listed
 * (KEPT_CHANGED).
 */
final class SweepApplyWriter implements ItemWriter<PlannedObject>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SweepApplyWriter.class);

	private final SweepRuns runs;

	private final KeyRangeListing listing;

	private final S3ImageDeleter deleter;

	private final DeleteFence fence;

	private final ReferenceMarker marker;

	private final SweepPlanRecords records;

	private final Clock clock;

	private final @Nullable SweepProgressListener listener;

	private final long recheckAfterNanos;

	private final boolean conditionalDeletes;

	private @Nullable SweepRun run;

	private long executionId;

	SweepApplyWriter(SweepRuns runs, KeyRangeListing listing, S3ImageDeleter deleter, DeleteFence fence,
			ReferenceMarker marker, SweepPlanRecords records, Clock clock, @Nullable SweepProgressListener listener,
			Duration recheckAfter, boolean conditionalDeletes) {
		this.recheckAfterNanos = recheckAfter.toNanos();
		this.conditionalDeletes = conditionalDeletes;
		this.runs = runs;
		this.listing = listing;
		this.deleter = deleter;
		this.fence = fence;
		this.marker = marker;
		this.records = records;
		this.clock = clock;
		this.listener = listener;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.executionId = stepExecution.getJobExecution().getId();
		this.run = this.runs.of(this.executionId);
	}

	@Override
	public void write(Chunk<? extends PlannedObject> chunk) {
		SweepRun run = this.run;
		if (run == null) {
			throw new IllegalStateException("The apply writer has no run");
		}
		// documents saved since the mark (an apply may run for hours) keep their keys too
		long caughtUpAt = System.nanoTime();
		this.marker.catchUp(run);
		long planId = run.planId();
		Instant now = this.clock.instant();
		Decisions decisions = new Decisions(planId, chunk.size());
		List<PlannedObject> unreferenced = new ArrayList<>();
		for (PlannedObject object : chunk) {
			if (!object.key().startsWith(object.prefix()) || !run.prefixes().contains(object.prefix())) {
				// never expected: a row outside the plan's prefixes is not deleted
				decisions.add(object, ApplyOutcome.FAILED, "outside the plan's prefixes " + run.prefixes());
			}
			else if (run.marks().mightContain(object.key())) {
				decisions.add(object, ApplyOutcome.KEPT_REFERENCED, "a document shows it now");
			}
			else {
				unreferenced.add(object);
			}
		}
		List<PlannedObject> unchanged = new ArrayList<>();
		Map<String, S3Object> current = unreferenced.isEmpty() ? Map.of() : this.listing.current(unreferenced);
		for (PlannedObject object : unreferenced) {
			S3Object listed = current.get(object.key());
			if (listed == null) {
				decisions.add(object, ApplyOutcome.GONE, "no longer listed");
			}
			else if (!object.eTag().equals(listed.eTag()) || !object.lastModified().equals(listed.lastModified())) {
				decisions.add(object, ApplyOutcome.KEPT_CHANGED, "planned ETag " + object.eTag() + " LastModified "
						+ object.lastModified() + ", now " + listed.eTag() + " " + listed.lastModified());
			}
			else {
				unchanged.add(object);
			}
		}
		if (!unchanged.isEmpty()) {
			delete(run, unchanged, caughtUpAt, now, decisions);
		}
		this.records.decide(planId, decisions.all, now);
		if (this.listener != null) {
			this.listener.chunkApplied(planId, decisions.counts);
		}
	}

	private void delete(SweepRun run, List<PlannedObject> objects, long caughtUpAt, Instant now, Decisions decisions) {
		long planId = run.planId();
		// a stalled apply that lost the lease, or one stopped, abandoned or recovered
		// elsewhere, deletes nothing more: the step fails and the chunk stays undecided
		this.fence.check(this.executionId);
		long[] checkedAt = { caughtUpAt };
		// each key goes only while it still has its planned ETag: S3 itself keeps one
		// overwritten since the listing above
		Map<String, String> eTags = this.conditionalDeletes
				? objects.stream().collect(Collectors.toMap(PlannedObject::key, object -> sentETag(object.eTag())))
				: Map.of();
		SendCheck beforeEachRequest = keys -> {
			long started = System.nanoTime();
			// right before every request, however soon after the chunk's catch-up
			this.fence.check(this.executionId);
			if (started - checkedAt[0] < this.recheckAfterNanos) {
				return Set.of();
			}
			this.marker.catchUp(run);
			this.fence.check(this.executionId);
			checkedAt[0] = started;
			return keys.stream().filter(run.marks()::mightContain).collect(Collectors.toSet());
		};
		// when a later request of the chunk cannot go (the fence shut, S3 gone), the keys
		// its earlier requests deleted are audited before the chunk fails
		DeleteReport report = this.deleter.delete(objects.stream().map(PlannedObject::key).toList(), eTags,
				beforeEachRequest, partial -> this.records.audit(planId, this.executionId,
						objects.stream().filter(o -> partial.deleted().contains(o.key())).toList(), now));
		List<PlannedObject> deleted = objects.stream().filter(o -> report.deleted().contains(o.key())).toList();
		this.records.audit(planId, this.executionId, deleted, now);
		for (PlannedObject object : objects) {
			Sent sent = Sent.of(report, object);
			if (sent.outcome() == ApplyOutcome.FAILED) {
				logger.warn("Plan {}: key {} not deleted: {}", planId, object.key(), sent.reason());
			}
			decisions.add(object, sent.outcome(), sent.reason());
		}
	}

	/**
	 * @param listed an ETag as a listing gives it, in the double quotes of an HTTP entity
	 * tag
	 * @return it as a DeleteObjects request names it: without the quotes, the form AWS's
	 * and S3-compatible stores' examples of a conditional DeleteObjects use
	 */
	static String sentETag(String listed) {
		return (listed.length() >= 2 && listed.startsWith("\"") && listed.endsWith("\""))
				? listed.substring(1, listed.length() - 1) : listed;
	}

	/**
	 * What S3's answer about one key sent for deletion makes of it.
	 *
	 * @param outcome the key's outcome
	 * @param reason why, for people; {@code null} for a deleted key
	 */
	record Sent(ApplyOutcome outcome, @Nullable String reason) {

		static Sent of(DeleteReport report, PlannedObject object) {
			if (report.deleted().contains(object.key())) {
				return new Sent(ApplyOutcome.DELETED, null);
			}
			if (report.withheld().contains(object.key())) {
				return new Sent(ApplyOutcome.KEPT_REFERENCED, "a document shows it now");
			}
			DeleteReport.KeyFailure failure = report.failed().get(object.key());
			if (failure == null) {
				return new Sent(ApplyOutcome.FAILED, "S3 did not confirm the delete");
			}
			return switch (failure.code()) {
				// overwritten after the chunk was listed: S3 kept it
				case DeleteReport.PRECONDITION_FAILED -> new Sent(ApplyOutcome.KEPT_CHANGED,
						"planned ETag " + object.eTag() + " no longer current when deleted (" + failure.reason() + ")");
				// deleted by another client after the chunk was listed
				case DeleteReport.NO_SUCH_KEY ->
					new Sent(ApplyOutcome.GONE, "no longer there when deleted (" + failure.reason() + ")");
				default -> new Sent(ApplyOutcome.FAILED, failure.code() + ": " + failure.reason());
			};
		}

	}

	/** A chunk's outcomes, written together once the chunk is decided. */
	private static final class Decisions {

		private final long planId;

		private final List<Decision> all;

		private final Map<ApplyOutcome, Integer> counts = new EnumMap<>(ApplyOutcome.class);

		Decisions(long planId, int size) {
			this.planId = planId;
			this.all = new ArrayList<>(size);
		}

		void add(PlannedObject object, ApplyOutcome outcome, @Nullable String reason) {
			this.all.add(new Decision(object.key(), outcome, reason));
			this.counts.merge(outcome, 1, Integer::sum);
			if (outcome == ApplyOutcome.KEPT_CHANGED || outcome == ApplyOutcome.KEPT_REFERENCED) {
				logger.info("Plan {}: kept {} ({}: {})", this.planId, object.key(), outcome, reason);
			}
		}

	}

}
