package io.mediapurge.sweep.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes sweep plans and what their applies did, in the job repository's database.
 * Statements join the caller's transaction (a chunk's) unless said otherwise.
 */
public class SweepPlanRecords {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public SweepPlanRecords(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Starts (or, for a restart of the same plan run, starts again) a plan: its objects,
	 * totals and dangling references are written afresh by the listing that follows. A
	 * restart keeps the source the plan began with (a restart reads the same inventory).
	 * @throws IllegalStateException when the plan exists and is no longer being planned
	 */
	public void begin(long planId, List<String> prefixes, Duration minAge, Instant listedBefore, Instant createdAt,
			PlanSource source) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM sweep_plan WHERE plan_id = ?", String.class,
				planId);
		Instant inventoryCreatedAt = source.manifestCreatedAt();
		if (status.isEmpty()) {
			this.jdbc.update(
					"INSERT INTO sweep_plan (plan_id, status, prefixes, min_age, listed_before, created_at, "
							+ "inventory_manifest, inventory_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					planId, PlanStatus.PLANNING.name(), String.join(",", prefixes), minAge.toString(),
					utc(listedBefore), utc(createdAt), source.manifest(),
					(inventoryCreatedAt != null) ? utc(inventoryCreatedAt) : null);
			return;
		}
		if (!status.get(0).equals(PlanStatus.PLANNING.name())) {
			throw new IllegalStateException("Plan " + planId + " is " + status.get(0) + ": it cannot be planned again");
		}
		clearListing(planId);
	}

	/** Forgets what an interrupted listing of the plan wrote, before it lists again. */
	public void clearListing(long planId) {
		this.jdbc.update("DELETE FROM sweep_plan_object WHERE plan_id = ?", planId);
		this.jdbc.update("DELETE FROM sweep_plan_prefix WHERE plan_id = ?", planId);
		this.jdbc.update("DELETE FROM sweep_dangling_reference WHERE plan_id = ?", planId);
	}

	public void addCandidates(long planId, List<PlannedObject> objects) {
		this.jdbc
			.batchUpdate("INSERT INTO sweep_plan_object (plan_id, object_key, prefix, size_bytes, last_modified, etag) "
					+ "VALUES (?, ?, ?, ?, ?, ?)", objects, objects.size(), (ps, object) -> {
						ps.setLong(1, planId);
						ps.setString(2, object.key());
						ps.setString(3, object.prefix());
						ps.setLong(4, object.size());
						ps.setObject(5, utc(object.lastModified()));
						ps.setString(6, object.eTag());
					});
	}

	/**
	 * Which of some keys are candidates of a plan: one statement, each key a lookup in
	 * the primary key (a {@code VALUES} list joined to the table; H2 answers an
	 * {@code IN} list of parameters by reading every row of the plan).
	 * @param keys keys to look up
	 * @return those of the keys that are candidates of the plan
	 */
	public Set<String> candidateKeys(long planId, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		List<Object> args = new ArrayList<>(keys);
		args.add(planId);
		String values = String.join(", ", Collections.nCopies(keys.size(), "(?)"));
		return new HashSet<>(this.jdbc.queryForList(
				"SELECT o.object_key FROM (VALUES " + values
						+ ") AS v(k) JOIN sweep_plan_object o ON o.plan_id = ? AND o.object_key = v.k",
				String.class, args.toArray()));
	}

	public void saveTotals(long planId, Collection<PrefixTotals> totals) {
		this.jdbc.update("DELETE FROM sweep_plan_prefix WHERE plan_id = ?", planId);
		this.jdbc.batchUpdate("INSERT INTO sweep_plan_prefix (plan_id, prefix, objects_listed, bytes_listed, "
				+ "objects_young, objects_referenced, orphan_objects, orphan_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				List.copyOf(totals), totals.size(), (ps, t) -> {
					ps.setLong(1, planId);
					ps.setString(2, t.prefix());
					ps.setLong(3, t.objectsListed());
					ps.setLong(4, t.bytesListed());
					ps.setLong(5, t.objectsYoung());
					ps.setLong(6, t.objectsReferenced());
					ps.setLong(7, t.orphanObjects());
					ps.setLong(8, t.orphanBytes());
				});
	}

	public void addDangling(long planId, List<DanglingReference> references) {
		this.jdbc.batchUpdate("INSERT INTO sweep_dangling_reference (plan_id, live, content_type, document_id, field, "
				+ "url, object_key) VALUES (?, ?, ?, ?, ?, ?, ?)", references, references.size(), (ps, d) -> {
					ps.setLong(1, planId);
					ps.setBoolean(2, d.live());
					ps.setString(3, d.contentType());
					ps.setString(4, clip(d.documentId(), 255));
					ps.setString(5, clip(d.field(), 255));
					ps.setString(6, clip(d.url(), 4000));
					ps.setString(7, d.key());
				});
	}

	/** The plan run completed: the plan may be applied. */
	public void ready(long planId, long documentsMarked, long keysMarked, double falseKeepRate,
			long danglingReferences) {
		this.jdbc.update(
				"UPDATE sweep_plan SET status = ?, documents_marked = ?, keys_marked = ?, false_keep_rate = ?, "
						+ "dangling_references = ? WHERE plan_id = ? AND status = ?",
				PlanStatus.READY.name(), documentsMarked, keysMarked, falseKeepRate, danglingReferences, planId,
				PlanStatus.PLANNING.name());
	}

	/**
	 * Claims a plan for an apply, in a transaction of its own: a READY plan, or one an
	 * earlier execution of the same apply (same job instance) claimed.
	 * @return whether the claim holds
	 */
	public boolean claim(long planId, long applyInstanceId, long applyExecutionId) {
		Integer updated = this.ownTransaction.execute(status -> this.jdbc.update(
				"UPDATE sweep_plan SET status = ?, apply_instance_id = ?, apply_execution_id = ? WHERE plan_id = ? "
						+ "AND (status = ? OR (status = ? AND apply_instance_id = ?))",
				PlanStatus.APPLYING.name(), applyInstanceId, applyExecutionId, planId, PlanStatus.READY.name(),
				PlanStatus.APPLYING.name(), applyInstanceId));
		return updated != null && updated == 1;
	}

	/**
	 * Records what the apply did with keys of the plan (a chunk's), in one JDBC batch of
	 * the chunk's transaction: its outcomes commit with the chunk, all or none.
	 * @throws IllegalStateException when a key has no row in the plan (then the chunk
	 * rolls back, and its outcomes with it)
	 */
	public void decide(long planId, List<Decision> decisions, Instant at) {
		if (decisions.isEmpty()) {
			return;
		}
		OffsetDateTime decidedAt = utc(at);
		int[][] updated = this.jdbc.batchUpdate(
				"UPDATE sweep_plan_object SET outcome = ?, outcome_reason = ?, decided_at = ? WHERE plan_id = ? "
						+ "AND object_key = ?",
				decisions, decisions.size(), (ps, decision) -> {
					String reason = decision.reason();
					ps.setString(1, decision.outcome().name());
					ps.setString(2, (reason != null) ? clip(reason, 1000) : null);
					ps.setObject(3, decidedAt);
					ps.setLong(4, planId);
					ps.setString(5, decision.key());
				});
		int row = 0;
		for (int[] batch : updated) {
			for (int count : batch) {
				// a driver may answer SUCCESS_NO_INFO (-2) for a statement it ran
				if (count == 0) {
					throw new IllegalStateException("Plan " + planId + " has no key " + decisions.get(row).key()
							+ " to record " + decisions.get(row).outcome() + " for");
				}
				row++;
			}
		}
	}

	/**
	 * What an apply did with one key of its plan.
	 *
	 * @param key the key
	 * @param outcome what the apply did
	 * @param reason why, for a person; {@code null} for a delete
	 */
	public record Decision(String key, ApplyOutcome outcome, @Nullable String reason) {

	}

	/**
	 * Writes confirmed deletes to the audit log at once, in a transaction of its own, so
	 * a crash before the chunk commits loses no line of it.
	 */
	public void audit(long planId, long executionId, List<PlannedObject> deleted, Instant at) {
		this.ownTransaction.executeWithoutResult(status -> this.jdbc
			.batchUpdate("INSERT INTO sweep_deleted_object (plan_id, job_execution_id, object_key, etag, deleted_at) "
					+ "VALUES (?, ?, ?, ?, ?)", deleted, deleted.size(), (ps, object) -> {
						ps.setLong(1, planId);
						ps.setLong(2, executionId);
						ps.setString(3, object.key());
						ps.setString(4, object.eTag());
						ps.setObject(5, utc(at));
					}));
	}

	/** The apply went through every key of the plan. */
	public void applied(long planId, long executionId, Instant at) {
		this.jdbc.update(
				"UPDATE sweep_plan SET status = ?, apply_execution_id = ?, applied_at = ? WHERE plan_id = ? "
						+ "AND status = ?",
				PlanStatus.APPLIED.name(), executionId, utc(at), planId, PlanStatus.APPLYING.name());
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String clip(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

}
