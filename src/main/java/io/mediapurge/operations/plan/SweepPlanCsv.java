package io.mediapurge.operations.plan;

import java.io.PrintStream;

import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * A sweep plan's candidates as CSV (RFC 4180), one row per object:
 * {@code key,size,last_modified,etag,prefix,outcome,outcome_reason}, quoted as
 * {@link DryRunPlanCsv} quotes (a key a spreadsheet could read as a formula is prefixed
 * with {@code '}).
 */
public final class SweepPlanCsv {

	static final String HEADER = "key,size,last_modified,etag,prefix,outcome,outcome_reason";

	private SweepPlanCsv() {
	}

	/**
	 * Streams the plan's candidates, by key.
	 * @param plans the plans
	 * @param planId the plan
	 * @param out where the lines go, ending in CRLF
	 */
	public static void write(SweepPlans plans, long planId, PrintStream out) {
		out.print(HEADER + "\r\n");
		plans.forEachObject(planId, object -> out.print(row(object)));
	}

	static String row(PlannedObject object) {
		return String.join(",", DryRunPlanCsv.quote(object.key()), DryRunPlanCsv.quote(Long.toString(object.size())),
				DryRunPlanCsv.quote(object.lastModified().toString()), DryRunPlanCsv.quote(object.eTag()),
				DryRunPlanCsv.quote(object.prefix()),
				DryRunPlanCsv.quote((object.outcome() != null) ? object.outcome().name() : ""),
				DryRunPlanCsv.quote(object.outcomeReason())) + "\r\n";
	}

}
