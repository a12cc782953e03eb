package io.mediapurge.benchmark;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The orphan sweep benchmark's tables and its targets (issue 12), medians of the rounds.
 */
final class SweepTables {

	private SweepTables() {
	}

	static void print(SweepData data, BenchmarkData purge, boolean baselines, SweepRound[] sweeps, JobRun[] purges,
			Baselines.Run[] ceilings) {
		ResultTable plan = new ResultTable().column("plan s", 2, "", true)
			.column("exec s", 2)
			.column("mark s", 2)
			.column("list s", 2)
			.column("dangling s", 2)
			.column("list req", 0, "", true)
			.column("step's req", 0)
			.column("req/(O/1k)", 3)
			.column("heap MB", 0, "", true)
			.column("live MB", 0)
			.column("median", 0)
			.column("CPU s", 2)
			.column("candidates", 0, "", true)
			.column("dangling", 0);
		for (SweepRound round : sweeps) {
			SweepLaunch launch = round.plan();
			plan.row(launch.seconds(), launch.executionSeconds(), launch.step("sweep-mark"), launch.step("sweep-list"),
					launch.step("sweep-dangling"), round.planListRequests(), launch.listRequests(),
					round.planListRequests() / (data.objects() / 1000.0), launch.heapAfterGcMb(), launch.liveHeapMb(),
					launch.medianLiveHeapMb(), launch.cpuSeconds(), round.planned(), round.dangling());
		}
		System.out.println();
		plan.print();
		System.out
			.printf("The plan: seconds with start-up and shut-down, the job execution and its steps; list req the "
					+ "ListObjectsV2 requests the S3 server served, step's req those the sweep-list step recorded; "
					+ "heap MB the largest heap left after a GC in this JVM during the plan's launch, live MB the "
					+ "largest heap in use right after the full GCs forced every second, median the median of those "
					+ "samples (the largest of more samples is larger: compare sizes by the median); candidates of %d "
					+ "seeded orphans, dangling references of %d seeded.%n", data.orphans(), data.dangling());

		ResultTable apply = new ResultTable().column("apply s", 2, "", true)
			.column("exec s", 2)
			.column("delete s", 2)
			.column("deleted", 0, "", true)
			.column("keys/s", 0)
			.column("step keys/s", 0)
			.column("list req", 0)
			.column("heap MB", 0);
		if (baselines) {
			apply.column("purge keys/s", 0, "", true)
				.column("purge job k/s", 0)
				.column("ceiling k/s", 0, "", true)
				.column("apply/purge", 2, "x", true)
				.column("apply/ceiling", 2, "x", false);
		}
		for (int r = 0; r < sweeps.length; r++) {
			SweepRound round = sweeps[r];
			SweepLaunch launch = round.apply();
			double[] row = { launch.seconds(), launch.executionSeconds(), launch.step("sweep-apply-delete"),
					round.deleted(), round.applyKeysPerSecond(), round.deleted() / launch.step("sweep-apply-delete"),
					round.applyListRequests(), launch.heapAfterGcMb() };
			if (baselines) {
				double purgeRate = purgeKeysPerSecond(purge, purges[r]);
				double ceilingRate = purge.ownKeys() / ceilings[r].seconds();
				row = Arrays.copyOf(row, row.length + 5);
				row[8] = purgeRate;
				row[9] = purge.ownKeys() / purges[r].executionSeconds();
				row[10] = ceilingRate;
				row[11] = round.applyKeysPerSecond() / purgeRate;
				row[12] = round.applyKeysPerSecond() / ceilingRate;
			}
			apply.row(row);
		}
		System.out.println();
		apply.print();
		System.out.println("The apply: seconds with start-up and shut-down, the job execution, its sweep-apply-delete "
				+ "step; keys/s the keys deleted over the span from the first DeleteObjects request to the last "
				+ "answer at the S3 server, step keys/s over the delete step; list req the listings of the chunks' "
				+ "key ranges. purge keys/s is the purge job's rate measured the same way (N=" + purge.n() + ", "
				+ purge.ownKeys() + " keys), purge job k/s its keys over its job execution, ceiling k/s the raw "
				+ "DeleteObjects of 1,000 keys one request at a time.");

		System.out.println();
		double requests = median(sweeps, SweepRound::planListRequests);
		System.out.printf("target: listing requests = objects / 1,000: %.0f requests for %d objects, %.3f x O/1,000%n",
				requests, data.objects(), requests / (data.objects() / 1000.0));
		System.out.printf(
				"heap during the plan at O=%d, D=%d: live %.0f MB (median sample %.0f MB), after GC %.0f MB (medians; compare with the "
						+ "other size: target heap(1,000,000) <= 1.25 x heap(100,000))%n",
				data.objects(), data.documents(), median(sweeps, round -> round.plan().liveHeapMb()),
				median(sweeps, round -> round.plan().medianLiveHeapMb()),
				median(sweeps, round -> round.plan().heapAfterGcMb()));
		if (baselines) {
			double applyRate = median(sweeps, SweepRound::applyKeysPerSecond);
			double[] purgeRates = new double[purges.length];
			for (int r = 0; r < purges.length; r++) {
				purgeRates[r] = purgeKeysPerSecond(purge, purges[r]);
			}
			double purgeRate = ResultTable.median(purgeRates);
			System.out.printf(
					"target: apply deletes >= 0.8 x the purge's DeleteObjects rate: %.0f keys/s against %.0f "
							+ "(%.2f x): %s%n",
					applyRate, purgeRate, applyRate / purgeRate, (applyRate >= 0.8 * purgeRate) ? "met" : "NOT met");
		}
	}

	private static double purgeKeysPerSecond(BenchmarkData purge, JobRun run) {
		return purge.ownKeys() / run.stat("delete-span-seconds");
	}

	private static double median(SweepRound[] rounds, ToDoubleFunction<SweepRound> figure) {
		return ResultTable.median(Arrays.stream(rounds).mapToDouble(figure).toArray());
	}

}
