package io.mediapurge.operations.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.mediapurge.operations.plan.DryRunPlan.Document;
import io.mediapurge.operations.plan.DryRunPlan.Skipped;

/**
 * Reads dry-run plans from the job repository. The plan of a restarted dry run includes
 * what the earlier executions of its job instance planned (a restart runs only the steps
 * that had not completed); a document planned twice counts once, as planned last.
 */
public class DryRunPlans {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public DryRunPlans(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * @param executionId a job execution
	 * @return its plan
	 * @throws PlanNotFoundException when the execution is unknown or not a dry run
	 */
	public DryRunPlan find(long executionId) {
		List<Map<String, Object>> execution = this.jdbc.queryForList(
				"SELECT JOB_INSTANCE_ID, STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", executionId);
		if (execution.isEmpty()) {
			throw new PlanNotFoundException("No execution " + executionId);
		}
		List<String> dryRun = this.jdbc.queryForList(
				"SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? AND PARAMETER_NAME = 'dryRun'",
				String.class, executionId);
		if (!dryRun.equals(List.of("true"))) {
			throw new PlanNotFoundException(
					"Execution " + executionId + " is not a dry run, so it has no plan; start one with dryRun=true");
		}
		Number instanceId = (Number) execution.get(0).get("JOB_INSTANCE_ID");
		String status = String.valueOf(execution.get(0).get("STATUS"));
		List<Long> executions = this.jdbc.queryForList(
				"SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? AND JOB_EXECUTION_ID <= ?",
				Long.class, instanceId.longValue(), executionId);
		MapSqlParameterSource ids = new MapSqlParameterSource("ids", executions);
		Map<List<Object>, Map<String, List<String>>> images = new HashMap<>();
		this.named.query("SELECT job_execution_id, content_type, object_id, kind, image FROM purge_plan_image "
				+ "WHERE job_execution_id IN (:ids) ORDER BY job_execution_id, content_type, object_id, kind, seq", ids,
				row -> {
					images
						.computeIfAbsent(List.of(row.getLong(1), row.getString(2), row.getString(3)),
								key -> new HashMap<>())
						.computeIfAbsent(row.getString(4), kind -> new ArrayList<>())
						.add(row.getString(5));
				});
		Map<List<String>, Document> documents = new LinkedHashMap<>();
		this.named.query("SELECT job_execution_id, content_type, object_id, document_id, blocked_reason_code, "
				+ "blocked_reason FROM purge_plan_document WHERE job_execution_id IN (:ids) "
				+ "ORDER BY content_type, document_id, object_id, job_execution_id", ids, row -> {
					String contentType = row.getString(2);
					String objectId = row.getString(3);
					Map<String, List<String>> kinds = images
						.getOrDefault(List.of(row.getLong(1), contentType, objectId), Map.of());
					String reasonCode = row.getString(5);
					documents.put(List.of(contentType, objectId),
							new Document(contentType, row.getString(4), objectId,
									(reasonCode != null) ? "block" : "purge",
									kinds.getOrDefault(JdbcDryRunPlanRecorder.DELETE, List.of()),
									kinds.getOrDefault(JdbcDryRunPlanRecorder.SHARED, List.of()),
									kinds.getOrDefault(JdbcDryRunPlanRecorder.EXTERNAL, List.of()), reasonCode,
									row.getString(6)));
				});
		List<Skipped> skipped = this.named.query(
				"SELECT content_type, document_id, reason_code, reason "
						+ "FROM purge_document_event WHERE job_execution_id IN (:ids) AND event = 'SKIPPED' "
						+ "ORDER BY content_type, document_id, id",
				ids, (row, n) -> new Skipped(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
		return DryRunPlan.of(executionId, status, new ArrayList<>(documents.values()),
				skipped.stream().distinct().toList());
	}

}
