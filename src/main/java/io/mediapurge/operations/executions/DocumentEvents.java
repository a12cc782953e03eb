package io.mediapurge.operations.executions;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The documents that needed a person, from {@code purge_document_event}: skipped,
 * blocked, quarantined and restored, one by one and counted by reason.
 */
final class DocumentEvents {

	private final NamedParameterJdbcTemplate jdbc;

	DocumentEvents(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<ExecutionDetail.ReasonCount> byReason(long executionId) {
		List<ExecutionDetail.ReasonCount> counts = new ArrayList<>(this.jdbc.query(
				"SELECT content_type, event, reason_code, COUNT(*) FROM purge_document_event "
						+ "WHERE job_execution_id = :id GROUP BY content_type, event, reason_code",
				new MapSqlParameterSource("id", executionId),
				(rs, n) -> new ExecutionDetail.ReasonCount(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getLong(4))));
		// sorted here, not by the database's collation
		counts.sort(Comparator.comparing(ExecutionDetail.ReasonCount::contentType)
			.thenComparing(ExecutionDetail.ReasonCount::event)
			.thenComparing(ExecutionDetail.ReasonCount::reasonCode));
		return counts;
	}

	List<ExecutionDetail.Event> first(long executionId, int limit) {
		return this.jdbc.query("SELECT content_type, document_id, event, reason_code, reason, image_key, occurred_at "
				+ "FROM purge_document_event WHERE job_execution_id = :id ORDER BY id FETCH FIRST :limit ROWS ONLY",
				new MapSqlParameterSource("id", executionId).addValue("limit", limit),
				(rs, n) -> new ExecutionDetail.Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
	}

	/**
	 * Skip reasons from SKIPPED events, block reasons from BLOCKED and QUARANTINED ones,
	 * as the job counts them in its run summary.
	 */
	Map<Long, Reasons> reasons(String groupColumn, String where, MapSqlParameterSource parameters) {
		Map<Long, Reasons> reasons = new HashMap<>();
		this.jdbc.query("SELECT " + groupColumn + ", event, reason_code, COUNT(*) FROM purge_document_event WHERE "
				+ where + " AND event IN ('SKIPPED', 'BLOCKED', 'QUARANTINED') GROUP BY " + groupColumn
				+ ", event, reason_code", parameters, (rs) -> {
					Reasons found = reasons.computeIfAbsent(rs.getLong(1), (id) -> new Reasons());
					Map<String, Long> target = "SKIPPED".equals(rs.getString(2)) ? found.skip() : found.block();
					target.merge(rs.getString(3), rs.getLong(4), Long::sum);
				});
		return reasons;
	}

	record Reasons(Map<String, Long> skip, Map<String, Long> block) {

		static final Reasons NONE = new Reasons(Map.of(), Map.of());

		Reasons() {
			this(new TreeMap<>(), new TreeMap<>());
		}

	}

}
