package io.mediapurge.operations.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.DanglingReference;
import io.mediapurge.sweep.plan.PlanSource;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * A whole sweep plan, for its JSON form: its totals per prefix, every orphan candidate
 * ({@code key}, {@code size}, {@code lastModified}, {@code eTag}, and what an apply did
 * with it) and every recorded dangling reference ({@code contentType},
 * {@code documentId}, {@code field}, {@code url}, {@code key}).
 *
 * @param planId the plan's id
 * @param status PLANNING, READY, APPLYING or APPLIED
 * @param prefixes the prefixes listed
 * @param minAge the minimum age of a candidate
 * @param listedBefore objects modified after this were young
 * @param createdAt when the plan run started
 * @param documentsMarked documents read for the mark
 * @param keysMarked keys those documents may show
 * @param falseKeepRate the mark's expected share of orphans wrongly kept
 * @param orphanObjects candidates
 * @param reclaimableBytes their bytes
 * @param danglingReferences dangling references found
 * @param applyExecutionId the apply's execution
 * @param appliedAt when the apply ended
 * @param totals per prefix
 * @param outcomes keys an apply decided, by outcome
 * @param orphans the candidates, by key
 * @param dangling the recorded dangling references, live documents first
 * @param source where its listing came from: {@code type} {@code listing} or
 * {@code inventory} with the inventory's {@code manifest} and {@code manifestCreatedAt}
 */
public record SweepPlanReport(long planId, String status, List<String> prefixes, String minAge, Instant listedBefore,
		Instant createdAt, long documentsMarked, long keysMarked, double falseKeepRate, long orphanObjects,
		long reclaimableBytes, long danglingReferences, @Nullable Long applyExecutionId, @Nullable Instant appliedAt,
		List<PrefixTotals> totals, Map<ApplyOutcome, Long> outcomes, List<PlannedObject> orphans,
		List<DanglingReference> dangling, PlanSource source) {

	/**
	 * @param plans the plans
	 * @param planId a plan
	 * @return the whole plan
	 */
	public static SweepPlanReport of(SweepPlans plans, long planId) {
		SweepPlan plan = plans.get(planId);
		List<PlannedObject> orphans = new ArrayList<>();
		plans.forEachObject(planId, orphans::add);
		List<DanglingReference> dangling = plans.dangling(planId, 0, Integer.MAX_VALUE);
		return new SweepPlanReport(plan.planId(), plan.status().name(), plan.prefixes(), plan.minAge(),
				plan.listedBefore(), plan.createdAt(), plan.documentsMarked(), plan.keysMarked(), plan.falseKeepRate(),
				plan.orphanObjects(), plan.reclaimableBytes(), plan.danglingReferences(), plan.applyExecutionId(),
				plan.appliedAt(), plan.totals(), plans.outcomes(planId), orphans, dangling, plan.source());
	}

}
