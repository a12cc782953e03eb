package io.mediapurge.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * One round of the orphan sweep benchmark: seed, {@code sweep plan}, the plan checked
 * against the seed, {@code sweep apply}, the bucket checked.
 *
 * @param plan the plan's launch
 * @param apply the apply's launch
 * @param planListRequests ListObjectsV2 requests the S3 server served during the plan
 * @param applyListRequests the same during the apply (one listing of each chunk's key
 * range)
 * @param planned the plan's candidates
 * @param plannedNotOrphans candidates that are not seeded orphans (must be 0)
 * @param listed objects the plan listed (its prefix totals)
 * @param dangling dangling references the plan counted
 * @param falseKeepRate the plan's stated false-keep rate
 * @param deleted keys the apply's DeleteObjects requests carried
 * @param deleteSpanSeconds from the apply's first DeleteObjects request to its last
 * answer, at the S3 server
 * @param ok whether every check of the round held
 */
record SweepRound(SweepLaunch plan, SweepLaunch apply, long planListRequests, long applyListRequests, long planned,
		long plannedNotOrphans, long listed, long dangling, double falseKeepRate, long deleted,
		double deleteSpanSeconds, boolean ok) {

	private static final String INDENT = " ".repeat(15);

	/** Apply deletes per second at the S3 server: keys over the span of the deletes. */
	double applyKeysPerSecond() {
		return this.deleted / this.deleteSpanSeconds;
	}

	static SweepRound run(SweepData data, ServersProcess servers, int round, List<String> baseArgs, String repository)
			throws Exception {
		Map<String, String> seed = servers.sweepSeed(data);
		SweepLaunch plan = SweepLaunch.run(List.of("sweep", "plan"), baseArgs);
		long planList = Long.parseLong(servers.stats().get("list-requests"));
		PlanFigures figures = PlanFigures.read(repository, plan.planId(), data);
		SweepLaunch apply = SweepLaunch.run(List.of("sweep", "apply", Long.toString(plan.planId())), baseArgs);
		Map<String, String> stats = servers.stats();
		long applyList = Long.parseLong(stats.get("list-requests")) - planList;
		double span = Double.parseDouble(stats.get("delete-span-seconds"));
		Map<String, String> end = servers.sweepCheck(data);
		shutdown(repository);
		long deleted = Long.parseLong(end.get("deleted-keys"));
		long orphansLeft = Long.parseLong(end.get("orphan"));
		// the plan: only seeded orphans, all of them unless the mark's filter kept some
		// (it is exact below media-purge.sweep.exact-keys), the dangling references all
		// found but for the listed-keys filter's errors (about 0.1 %)
		long missed = data.orphans() - figures.planned;
		boolean planOk = plan.exitCode() == 0 && figures.plannedNotOrphans == 0 && missed >= 0
				&& ((figures.falseKeepRate == 0) ? missed == 0
						: missed <= 3 * figures.falseKeepRate * data.orphans() + 10)
				&& figures.listed == data.objects() && figures.dangling <= data.dangling()
				&& figures.dangling >= data.dangling() * 0.99;
		// the apply: exactly the planned keys deleted; every referenced, young and
		// outside object kept
		boolean applyOk = apply.exitCode() == 0 && deleted == figures.planned
				&& Long.parseLong(end.get("deleted-not-orphans")) == 0 && orphansLeft == data.orphans() - deleted
				&& Long.parseLong(end.get("referenced")) == data.referenced()
				&& Long.parseLong(end.get("young")) == data.young()
				&& Long.parseLong(end.get("outside")) == data.outside();
		System.out.printf("round %d plan:  seeded in %s s; ran in %.2f s, exit code %d;%s%n", round,
				seed.get("seconds"), plan.seconds(), plan.exitCode(), plan.stepsText());
		System.out.printf(
				"%slisted %d objects with %d ListObjectsV2 requests (the step's count %d); candidates %d of %d "
						+ "seeded orphans (%d not orphans), false-keep rate %.2e; dangling references %d of %d "
						+ "seeded; heap after GC %d MB (%d MB before), live heap %d MB: %s%n",
				INDENT, figures.listed, planList, plan.listRequests(), figures.planned, data.orphans(),
				figures.plannedNotOrphans, figures.falseKeepRate, figures.dangling, data.dangling(),
				plan.heapAfterGcMb(), plan.heapBeforeMb(), plan.liveHeapMb(), planOk ? "OK" : "FAILED");
		System.out.printf("round %d apply: ran in %.2f s, exit code %d;%s%n", round, apply.seconds(), apply.exitCode(),
				apply.stepsText());
		System.out.printf(
				"%sdeleted %d keys in %.2f s at the S3 server (%.0f keys/s), %d ListObjectsV2 requests; left: "
						+ "%s orphans, %s of %d referenced, %s of %d young, %s of %d outside the prefixes; heap "
						+ "after GC %d MB: %s%n",
				INDENT, deleted, span, deleted / span, applyList, end.get("orphan"), end.get("referenced"),
				data.referenced(), end.get("young"), data.young(), end.get("outside"), data.outside(),
				apply.heapAfterGcMb(), applyOk ? "OK" : "FAILED");
		return new SweepRound(plan, apply, planList, applyList, figures.planned, figures.plannedNotOrphans,
				figures.listed, figures.dangling, figures.falseKeepRate, deleted, span, planOk && applyOk);
	}

	private static void shutdown(String repository) {
		try (Connection connection = DriverManager.getConnection(repository, "sa", "");
				Statement statement = connection.createStatement()) {
			// frees the in-memory database before the next round
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			System.out.println("(could not shut the job repository down: " + ex.getMessage() + ")");
		}
	}

	/** What the plan recorded, read from the job repository and checked key by key. */
	private record PlanFigures(long planned, long plannedNotOrphans, long listed, long dangling, double falseKeepRate) {

		static PlanFigures read(String repository, long planId, SweepData data) throws SQLException {
			try (Connection connection = DriverManager.getConnection(repository, "sa", "")) {
				long planned = 0;
				long notOrphans = 0;
				try (PreparedStatement keys = connection
					.prepareStatement("SELECT object_key FROM sweep_plan_object WHERE plan_id = ?")) {
					keys.setLong(1, planId);
					try (ResultSet rs = keys.executeQuery()) {
						while (rs.next()) {
							planned++;
							notOrphans += (data.kind(rs.getString(1)) == SweepData.Kind.ORPHAN) ? 0 : 1;
						}
					}
				}
				long listed = single(connection,
						"SELECT COALESCE(SUM(objects_listed), 0) FROM sweep_plan_prefix " + "WHERE plan_id = " + planId)
					.longValue();
				long dangling = single(connection,
						"SELECT dangling_references FROM sweep_plan WHERE plan_id = " + planId)
					.longValue();
				double rate = single(connection, "SELECT false_keep_rate FROM sweep_plan WHERE plan_id = " + planId)
					.doubleValue();
				return new PlanFigures(planned, notOrphans, listed, dangling, rate);
			}
		}

		private static Number single(Connection connection, String sql) throws SQLException {
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				return rs.next() ? (Number) rs.getObject(1) : Double.NaN;
			}
		}

	}

}
