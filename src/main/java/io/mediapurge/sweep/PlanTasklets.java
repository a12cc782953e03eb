package io.mediapurge.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.mediapurge.logging.Words;
import io.mediapurge.sweep.inventory.InventoryLocation;
import io.mediapurge.sweep.inventory.InventoryManifest;
import io.mediapurge.sweep.inventory.InventoryManifestReader;
import io.mediapurge.sweep.plan.PlanSource;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * The first and last steps of a plan run: {@code sweep-plan-begin} writes the plan's row
 * (its id is the run's job instance id, so a restart writes the same plan again) and
 * {@code sweep-plan-ready} its totals, and makes it ready to apply.
 */
final class PlanTasklets {

	private static final Logger logger = LoggerFactory.getLogger(PlanTasklets.class);

	private PlanTasklets() {
	}

	/**
	 * @param manifests reads the plan's inventory manifest, if it has one: checked again
	 * by every execution (a restart a week later is refused as stale)
	 */
	static Tasklet begin(SweepRuns runs, SweepPlanRecords records, InventoryManifestReader manifests) {
		return (StepContribution contribution, ChunkContext context) -> {
			JobExecution execution = execution(context);
			JobParameters parameters = execution.getJobParameters();
			long planId = execution.getJobInstance().getInstanceId();
			List<String> prefixes = SweepJobParameters.prefixes(parameters);
			Instant listedBefore = Instant
				.parse(SweepJobParameters.required(parameters, SweepJobParameters.LISTED_BEFORE));
			Instant launchedAt = Instant.parse(SweepJobParameters.required(parameters, SweepJobParameters.LAUNCHED_AT));
			Duration minAge = Duration.parse(SweepJobParameters.required(parameters, SweepJobParameters.MIN_AGE));
			String location = parameters.getString(SweepJobParameters.INVENTORY);
			InventoryManifest inventory = (location != null) ? manifests.read(InventoryLocation.parse(location)) : null;
			PlanSource source = (inventory != null)
					? PlanSource.inventory(inventory.location().toString(), inventory.createdAt()) : PlanSource.LISTING;
			records.begin(planId, prefixes, minAge, listedBefore, launchedAt, source);
			runs.start(execution.getId(), new SweepRun(planId, prefixes, listedBefore, inventory));
			logger.info("Plan {}: {} under {} for objects last modified before {} (minimum age {})", planId, source,
					prefixes, listedBefore, Words.duration(minAge.toString()));
			return RepeatStatus.FINISHED;
		};
	}

	static Tasklet ready(SweepRuns runs, SweepPlanRecords records, @Nullable SweepProgressListener listener) {
		return (StepContribution contribution, ChunkContext context) -> {
			JobExecution execution = execution(context);
			SweepRun run = runs.of(execution.getId());
			List<PrefixTotals> totals = run.totals();
			records.saveTotals(run.planId(), totals);
			records.ready(run.planId(), run.documentsMarked(), run.marks().distinctKeys(), run.marks().falseKeepRate(),
					run.danglingReferences());
			long orphans = totals.stream().mapToLong(PrefixTotals::orphanObjects).sum();
			long bytes = totals.stream().mapToLong(PrefixTotals::orphanBytes).sum();
			logger.info("Plan {} is ready: {} orphan candidates, {} bytes reclaimable, {} dangling references",
					run.planId(), orphans, bytes, run.danglingReferences());
			if (listener != null) {
				listener.planReady(run.planId());
			}
			return RepeatStatus.FINISHED;
		};
	}

	static JobExecution execution(ChunkContext context) {
		return context.getStepContext().getStepExecution().getJobExecution();
	}

}
