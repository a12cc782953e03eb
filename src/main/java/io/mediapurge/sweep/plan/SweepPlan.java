package io.mediapurge.sweep.plan;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sweep plan without its objects: what was listed, and its totals per prefix.
 *
 * @param planId the plan's id (the job instance id of the run that made it)
 * @param status where it is in its life
 * @param prefixes the key prefixes listed
 * @param minAge the minimum age of a candidate, ISO-8601
 * @param listedBefore objects last modified after this were young
 * @param createdAt when the plan run started
 * @param documentsMarked documents read for the mark
 * @param keysMarked keys the documents may show (every reading of every URL)
 * @param falseKeepRate the mark's expected share of unreferenced keys wrongly kept
 * @param danglingReferences documents' references to keys the listing did not hold
 * @param applyExecutionId the execution that applied it, when applied
 * @param appliedAt when that apply ended
 * @param totals per prefix
 * @param source where its listing came from
 */
public record SweepPlan(long planId, PlanStatus status, List<String> prefixes, String minAge, Instant listedBefore,
		Instant createdAt, long documentsMarked, long keysMarked, double falseKeepRate, long danglingReferences,
		@Nullable Long applyExecutionId, @Nullable Instant appliedAt, List<PrefixTotals> totals, PlanSource source) {

	public SweepPlan {
		prefixes = List.copyOf(prefixes);
		totals = List.copyOf(totals);
	}

	/**
	 * @return the orphan candidates over every prefix
	 */
	public long orphanObjects() {
		return this.totals.stream().mapToLong(PrefixTotals::orphanObjects).sum();
	}

	/**
	 * @return the bytes deleting every candidate would reclaim
	 */
	public long reclaimableBytes() {
		return this.totals.stream().mapToLong(PrefixTotals::orphanBytes).sum();
	}

}
