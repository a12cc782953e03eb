package io.mediapurge.sweep;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlanRecords;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The first and last steps of an apply: {@code sweep-apply-claim} claims the plan (a
 * READY plan, or one this apply's job instance claimed before a restart; so an apply
 * never runs twice) and {@code sweep-apply-finish} marks it applied.
 */
final class ApplyTasklets {

	private static final Logger logger = LoggerFactory.getLogger(ApplyTasklets.class);

	private ApplyTasklets() {
	}

	static Tasklet claim(SweepRuns runs, SweepPlans plans, SweepPlanRecords records, List<String> keyPrefixes) {
		return (StepContribution contribution, ChunkContext context) -> {
			JobExecution execution = PlanTasklets.execution(context);
			long planId = SweepJobParameters.planId(execution.getJobParameters());
			SweepPlan plan = plans.get(planId);
			List<String> outside = plan.prefixes()
				.stream()
				.filter(prefix -> !keyPrefixes.isEmpty() && keyPrefixes.stream().noneMatch(prefix::startsWith))
				.toList();
			if (plan.prefixes().isEmpty() || !outside.isEmpty()) {
				throw new IllegalStateException("Plan " + planId + " lists prefixes " + outside
						+ " outside media-purge.s3.key-prefixes " + keyPrefixes + ": not applied");
			}
			if (!records.claim(planId, execution.getJobInstance().getInstanceId(), execution.getId())) {
				throw new IllegalStateException("Plan " + planId + " is " + plans.get(planId).status()
						+ ": an apply cannot run twice, and only a READY plan is applied");
			}
			runs.start(execution.getId(), new SweepRun(planId, plan.prefixes(), null));
			return RepeatStatus.FINISHED;
		};
	}

	static Tasklet finish(SweepRuns runs, SweepPlans plans, SweepPlanRecords records, Clock clock) {
		return (StepContribution contribution, ChunkContext context) -> {
			JobExecution execution = PlanTasklets.execution(context);
			long planId = runs.of(execution.getId()).planId();
			records.applied(planId, execution.getId(), clock.instant());
			Map<ApplyOutcome, Long> outcomes = plans.outcomes(planId);
			outcomes.forEach((outcome, count) -> context.getStepContext()
				.getStepExecution()
				.getExecutionContext()
				.putLong(outcome.name(), count));
			logger.info("Plan {} applied: {}", planId, outcomes);
			return RepeatStatus.FINISHED;
		};
	}

}
