package io.mediapurge.operations.cli;

import java.util.ArrayList;
import java.util.List;

import io.mediapurge.logging.Words;
import io.mediapurge.sweep.plan.DanglingReference;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * Sweep plans as text for a person at a terminal.
 */
final class SweepPlanText {

	private SweepPlanText() {
	}

	static String list(List<SweepPlan> plans) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "PLAN", "STATUS", "CREATED", "PREFIXES", "ORPHANS", "RECLAIMABLE", "DANGLING" });
		for (SweepPlan plan : plans) {
			rows.add(
					new String[] { Long.toString(plan.planId()), plan.status().name(), TextTable.time(plan.createdAt()),
							String.join(",", plan.prefixes()), Long.toString(plan.orphanObjects()),
							bytes(plan.reclaimableBytes()), Long.toString(plan.danglingReferences()) });
		}
		return (plans.isEmpty() ? "No sweep plans.\n" : TextTable.of(rows));
	}

	static String totals(SweepPlan plan) {
		StringBuilder text = new StringBuilder();
		text.append("  status ")
			.append(plan.status())
			.append(", minimum age ")
			.append(Words.duration(plan.minAge()))
			.append(" (objects modified before ")
			.append(TextTable.time(plan.listedBefore()))
			.append(")\n");
		text.append("  source ").append(plan.source()).append('\n');
		text.append("  orphans ")
			.append(plan.orphanObjects())
			.append(", reclaimable ")
			.append(bytes(plan.reclaimableBytes()))
			.append(", dangling references ")
			.append(plan.danglingReferences())
			.append("\n  marked ")
			.append(plan.keysMarked())
			.append(" keys of ")
			.append(plan.documentsMarked())
			.append(" documents, false-keep rate ")
			.append(Words.rate(plan.falseKeepRate()))
			.append('\n');
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "PREFIX", "LISTED", "YOUNG", "REFERENCED", "ORPHANS", "RECLAIMABLE" });
		for (PrefixTotals totals : plan.totals()) {
			rows.add(new String[] { totals.prefix(), Long.toString(totals.objectsListed()),
					Long.toString(totals.objectsYoung()), Long.toString(totals.objectsReferenced()),
					Long.toString(totals.orphanObjects()), bytes(totals.orphanBytes()) });
		}
		return text + TextTable.indent(TextTable.of(rows));
	}

	static String show(SweepPlans plans, SweepPlan plan, int shown) {
		StringBuilder text = new StringBuilder("Plan " + plan.planId() + "\n").append(totals(plan));
		if (plan.applyExecutionId() != null) {
			text.append("  applied by execution ")
				.append(plan.applyExecutionId())
				.append(": ")
				.append(plans.outcomes(plan.planId()))
				.append('\n');
		}
		long count = plans.objectCount(plan.planId());
		text.append("Candidates (").append(count).append(count > shown ? ", first " + shown : "").append("):\n");
		for (PlannedObject object : plans.objects(plan.planId(), 0, shown)) {
			text.append("  ")
				.append(object.key())
				.append("  ")
				.append(object.size())
				.append(" B  ")
				.append(object.lastModified())
				.append("  ")
				.append(object.eTag())
				.append((object.outcome() != null) ? "  " + object.outcome() : "")
				.append('\n');
		}
		long dangling = plans.danglingCount(plan.planId());
		text.append("Dangling references (")
			.append(dangling)
			.append(dangling > shown ? ", first " + shown : "")
			.append("):\n");
		for (DanglingReference reference : plans.dangling(plan.planId(), 0, shown)) {
			text.append("  ")
				.append(reference.live() ? "live " : "deleted ")
				.append(reference.contentType())
				.append(' ')
				.append(reference.documentId())
				.append(' ')
				.append(reference.field())
				.append(": ")
				.append(reference.url())
				.append('\n');
		}
		return text.append("Full lists: 'sweep show ").append(plan.planId()).append(" format=csv|json'.\n").toString();
	}

	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String units = "KMGTPE";
		int unit = (int) (Math.log(bytes) / Math.log(1024));
		return String.format("%.1f %siB", bytes / Math.pow(1024, unit), units.charAt(unit - 1));
	}

}
