package io.mediapurge.operations.housekeeping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prunes job metadata older than the retention, a whole job instance at a time (its
 * executions, their steps, contexts and parameters, and the job's own records of them),
 * so that what is left can still be restarted. An instance is pruned only when every one
 * of its executions ended before the cutoff, none of them is running (STARTING, STARTED,
 * STOPPING, also one left by a killed process until it is recovered), and none is the
 * last execution of its job.
 */
public class MetadataHousekeeping {

	private static final Logger logger = LoggerFactory.getLogger(MetadataHousekeeping.class);

	/** Job instances pruned per transaction. */
	static final int BATCH_SIZE = 100;

	/**
	 * The job's own records, keyed by job execution id: events, run summaries, the audit
	 * log of deleted keys and dry-run plans.
	 */
	static final List<String> PURGE_TABLES = List.of("purge_document_event", "purge_step_summary",
			"purge_deleted_image", "purge_plan_image", "purge_plan_document");

	private static final String PRUNABLE_INSTANCES = """
			SELECT I.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE I
			JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
			GROUP BY I.JOB_INSTANCE_ID
			HAVING SUM(CASE WHEN E.STATUS IN ('STARTING', 'STARTED', 'STOPPING') THEN 1 ELSE 0 END) = 0
			AND MAX(E.CREATE_TIME) < :cutoff
			AND MAX(COALESCE(E.END_TIME, E.LAST_UPDATED, E.CREATE_TIME)) < :cutoff
			AND MAX(E.JOB_EXECUTION_ID) NOT IN (
				SELECT MAX(L.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION L
				JOIN BATCH_JOB_INSTANCE J ON J.JOB_INSTANCE_ID = L.JOB_INSTANCE_ID GROUP BY J.JOB_NAME)
			ORDER BY I.JOB_INSTANCE_ID""";

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Duration retention;

	private final Clock clock;

	public MetadataHousekeeping(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			MetadataProperties properties, Clock clock) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
		this.transaction = new TransactionTemplate(transactionManager);
		this.retention = properties.retention();
		this.clock = clock;
	}

	/**
	 * Prunes what is older than the retention.
	 * @return what was pruned
	 */
	public PruneResult prune() {
		return pruneBefore(this.clock.instant().minus(this.retention));
	}

	/**
	 * Prunes the job instances whose executions all ended before a cutoff (except the
	 * running ones and the last execution of each job).
	 * @param cutoff the cutoff
	 * @return what was pruned
	 */
	public PruneResult pruneBefore(Instant cutoff) {
		// Spring Batch stores local date-times of the JVM's time zone
		LocalDateTime localCutoff = LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault());
		List<Long> instances = this.jdbc.queryForList(PRUNABLE_INSTANCES,
				new MapSqlParameterSource("cutoff", localCutoff), Long.class);
		int executions = 0;
		for (int from = 0; from < instances.size(); from += BATCH_SIZE) {
			List<Long> batch = instances.subList(from, Math.min(instances.size(), from + BATCH_SIZE));
			Integer pruned = this.transaction.execute((status) -> pruneInstances(batch));
			executions += (pruned != null) ? pruned : 0;
		}
		PruneResult result = new PruneResult(cutoff, instances.size(), executions);
		if (!instances.isEmpty()) {
			logger.info("Pruned the job metadata of {} job instance(s) and {} execution(s) that ended before {}",
					result.jobInstances(), result.jobExecutions(), cutoff);
		}
		else {
			logger.debug("No job metadata ended before {}", cutoff);
		}
		return result;
	}

	private int pruneInstances(List<Long> instances) {
		MapSqlParameterSource instanceIds = new MapSqlParameterSource("instances", instances);
		List<Long> executions = this.jdbc.queryForList(
				"SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:instances)", instanceIds,
				Long.class);
		if (!executions.isEmpty()) {
			MapSqlParameterSource ids = new MapSqlParameterSource("executions", executions);
			for (String table : PURGE_TABLES) {
				this.jdbc.update("DELETE FROM " + table + " WHERE job_execution_id IN (:executions)", ids);
			}
			// Spring Batch's tables, children first
			this.jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN "
					+ "(SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions))",
					ids);
			this.jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)", ids);
			this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (:executions)", ids);
			this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (:executions)", ids);
			this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (:executions)", ids);
		}
		// only instances left without executions (a restart may have added one meanwhile)
		this.jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (:instances) AND NOT EXISTS "
				+ "(SELECT 1 FROM BATCH_JOB_EXECUTION E WHERE E.JOB_INSTANCE_ID = BATCH_JOB_INSTANCE.JOB_INSTANCE_ID)",
				instanceIds);
		return executions.size();
	}

}
