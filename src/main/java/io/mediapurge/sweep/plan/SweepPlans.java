package io.mediapurge.sweep.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads sweep plans: the plans, their candidates and dangling references page by page,
 * and what their applies did. Needs only the job repository.
 */
public class SweepPlans {

	private static final String PLAN_COLUMNS = "plan_id, status, prefixes, min_age, listed_before, created_at, "
			+ "documents_marked, keys_marked, false_keep_rate, dangling_references, apply_execution_id, applied_at, "
			+ "inventory_manifest, inventory_created_at";

	/** The outcomes that are issues, as an SQL list of their names. */
	private static final String ISSUES = Arrays.stream(ApplyOutcome.values())
		.filter(ApplyOutcome::isIssue)
		.map(outcome -> "'" + outcome.name() + "'")
		.collect(Collectors.joining(", ", "(", ")"));

	private static final String OBJECT_COLUMNS = "object_key, size_bytes, last_modified, etag, prefix, outcome, "
			+ "outcome_reason";

	private final JdbcTemplate jdbc;

	public SweepPlans(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<SweepPlan> find(long planId) {
		return this.jdbc.query("SELECT " + PLAN_COLUMNS + " FROM sweep_plan WHERE plan_id = ?", this::plan, planId)
			.stream()
			.findFirst();
	}

	/**
	 * @param planId a plan
	 * @return it
	 * @throws SweepPlanNotFoundException when there is no such plan
	 */
	public SweepPlan get(long planId) {
		return find(planId).orElseThrow(() -> new SweepPlanNotFoundException(planId));
	}

	/**
	 * @param limit how many at most
	 * @return the latest plans, newest first
	 */
	public List<SweepPlan> recent(int limit) {
		return this.jdbc.query("SELECT " + PLAN_COLUMNS + " FROM sweep_plan ORDER BY plan_id DESC FETCH FIRST "
				+ Math.max(1, limit) + " ROWS ONLY", this::plan);
	}

	/**
	 * @return one page of the plan's candidates, by key
	 */
	public List<PlannedObject> objects(long planId, long offset, int limit) {
		return this.jdbc.query("SELECT " + OBJECT_COLUMNS + " FROM sweep_plan_object WHERE plan_id = ? "
				+ "ORDER BY object_key OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit)
				+ " ROWS ONLY", (rs, row) -> object(rs), planId);
	}

	/**
	 * The plan's candidates no apply has decided yet, by key, after a key: paged by key,
	 * so decisions made meanwhile never shift a page.
	 * @param afterKey the last key of the previous page, {@code null} for the first page
	 */
	public List<PlannedObject> undecided(long planId, @Nullable String afterKey, int limit) {
		return this.jdbc.query("SELECT " + OBJECT_COLUMNS + " FROM sweep_plan_object WHERE plan_id = ? AND outcome "
				+ "IS NULL AND object_key > ? ORDER BY object_key FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
				(rs, row) -> object(rs), planId, (afterKey != null) ? afterKey : "");
	}

	/** Streams every candidate of the plan, by key. */
	public void forEachObject(long planId, Consumer<PlannedObject> consumer) {
		this.jdbc.query("SELECT " + OBJECT_COLUMNS + " FROM sweep_plan_object WHERE plan_id = ? ORDER BY object_key",
				(RowCallbackHandler) rs -> consumer.accept(object(rs)), planId);
	}

	public long objectCount(long planId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM sweep_plan_object WHERE plan_id = ?", Long.class,
				planId);
		return (count != null) ? count : 0;
	}

	/**
	 * @return one page of the plan's dangling references, live documents first
	 */
	public List<DanglingReference> dangling(long planId, long offset, int limit) {
		return this.jdbc.query(
				"SELECT content_type, document_id, field, url, object_key, live FROM "
						+ "sweep_dangling_reference WHERE plan_id = ? ORDER BY live DESC, id OFFSET "
						+ Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY",
				(rs, row) -> new DanglingReference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getBoolean(6)),
				planId);
	}

	/**
	 * @return the plan's recorded dangling references by content type
	 */
	public Map<String, Long> danglingByContentType(long planId) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.query(
				"SELECT content_type, COUNT(*) FROM sweep_dangling_reference WHERE plan_id = ? "
						+ "GROUP BY content_type",
				(RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), planId);
		return counts;
	}

	public long danglingCount(long planId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM sweep_dangling_reference WHERE plan_id = ?",
				Long.class, planId);
		return (count != null) ? count : 0;
	}

	/**
	 * @return how many keys of the plan an apply decided, by outcome (every outcome
	 * present, zero when none)
	 */
	public Map<ApplyOutcome, Long> outcomes(long planId) {
		Map<ApplyOutcome, Long> counts = new EnumMap<>(ApplyOutcome.class);
		Arrays.stream(ApplyOutcome.values()).forEach(outcome -> counts.put(outcome, 0L));
		this.jdbc.query(
				"SELECT outcome, COUNT(*) FROM sweep_plan_object WHERE plan_id = ? AND outcome IS NOT NULL "
						+ "GROUP BY outcome",
				(RowCallbackHandler) rs -> counts.put(ApplyOutcome.valueOf(rs.getString(1)), rs.getLong(2)), planId);
		return counts;
	}

	/**
	 * @return one page of the keys the plan's apply kept or failed (an outcome that is
	 * {@linkplain ApplyOutcome#isIssue() an issue}), with the reasons, by key
	 */
	public List<PlannedObject> issues(long planId, long offset, int limit) {
		return this.jdbc.query("SELECT " + OBJECT_COLUMNS + " FROM sweep_plan_object WHERE plan_id = ? AND outcome IN "
				+ ISSUES + " ORDER BY object_key OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT "
				+ Math.max(1, limit) + " ROWS ONLY", (rs, row) -> object(rs), planId);
	}

	public long issueCount(long planId) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM sweep_plan_object WHERE plan_id = ? AND outcome IN " + ISSUES, Long.class,
				planId);
		return (count != null) ? count : 0;
	}

	/**
	 * @return the keys the apply of the plan confirmed deleted, from the audit log
	 */
	public List<String> deletedKeys(long planId) {
		return this.jdbc.queryForList("SELECT object_key FROM sweep_deleted_object WHERE plan_id = ? ORDER BY id",
				String.class, planId);
	}

	private SweepPlan plan(ResultSet rs, int row) throws SQLException {
		long planId = rs.getLong("plan_id");
		String prefixes = rs.getString("prefixes");
		List<PrefixTotals> totals = this.jdbc.query(
				"SELECT prefix, objects_listed, bytes_listed, objects_young, objects_referenced, orphan_objects, "
						+ "orphan_bytes FROM sweep_plan_prefix WHERE plan_id = ? ORDER BY prefix",
				(r, n) -> new PrefixTotals(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
						r.getLong(6), r.getLong(7)),
				planId);
		return new SweepPlan(planId, PlanStatus.valueOf(rs.getString("status")),
				prefixes.isEmpty() ? List.of() : List.of(prefixes.split(",")), rs.getString("min_age"),
				instant(rs, "listed_before"), instant(rs, "created_at"), rs.getLong("documents_marked"),
				rs.getLong("keys_marked"), rs.getDouble("false_keep_rate"), rs.getLong("dangling_references"),
				rs.getObject("apply_execution_id", Long.class), nullableInstant(rs, "applied_at"), totals, source(rs));
	}

	private static PlanSource source(ResultSet rs) throws SQLException {
		String manifest = rs.getString("inventory_manifest");
		return (manifest != null) ? PlanSource.inventory(manifest, instant(rs, "inventory_created_at"))
				: PlanSource.LISTING;
	}

	private static PlannedObject object(ResultSet rs) throws SQLException {
		String outcome = rs.getString("outcome");
		return new PlannedObject(rs.getString("object_key"), rs.getLong("size_bytes"), instant(rs, "last_modified"),
				rs.getString("etag"), rs.getString("prefix"), (outcome != null) ? ApplyOutcome.valueOf(outcome) : null,
				rs.getString("outcome_reason"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Instant instant = nullableInstant(rs, column);
		if (instant == null) {
			throw new SQLException(column + " is NULL");
		}
		return instant;
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
