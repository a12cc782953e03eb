package io.mediapurge.references;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys a run kept only because another document showed them, in the job repository's
 * table {@code purge_pending_key}. A step records them before it hard-deletes the
 * documents that showed them, in a transaction of its own, so a crash right after the
 * hard delete cannot lose them; the run's last step counts each again over every document
 * and deletes those no document shows any more. Rows stay until then: a run that ends
 * early leaves them to the next one, whichever process runs it.
 */
public class PendingKeys {

	/** Keys per statement when rows are deleted. */
	private static final int BATCH = 500;

	/**
	 * A kept key and the document that showed it.
	 *
	 * @param documentId the document's reported id
	 * @param key the key
	 */
	public record Kept(String documentId, String key) {
	}

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public PendingKeys(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Records kept keys, committed before this returns.
	 * @param jobExecutionId the run
	 * @param contentType the content type of the documents
	 * @param kept the keys and the documents that showed them
	 */
	public void record(long jobExecutionId, String contentType, Collection<Kept> kept) {
		if (kept.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(kept.size());
		kept.forEach(row -> rows.add(new Object[] { row.key(), jobExecutionId, contentType,
				(row.documentId().length() > 255) ? row.documentId().substring(0, 255) : row.documentId(), now }));
		this.ownTransaction.executeWithoutResult(status -> this.jdbc.batchUpdate(
				"INSERT INTO purge_pending_key (image_key, job_execution_id, content_type, document_id, recorded_at) "
						+ "VALUES (?, ?, ?, ?, ?)",
				rows));
	}

	/**
	 * @return every pending row, oldest first
	 */
	public List<PendingKey> all() {
		return this.jdbc.query("SELECT image_key, content_type, document_id FROM purge_pending_key ORDER BY id",
				(rs, row) -> new PendingKey(rs.getString("image_key"), rs.getString("content_type"),
						rs.getString("document_id")));
	}

	/**
	 * Forgets keys: deleted, or shown by a document still there.
	 * @param keys the keys
	 */
	public void resolved(Collection<String> keys) {
		List<String> all = List.copyOf(keys);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
			this.ownTransaction.executeWithoutResult(
					status -> this.named.update("DELETE FROM purge_pending_key WHERE image_key IN (:keys)",
							new MapSqlParameterSource("keys", batch)));
		}
	}

	/**
	 * A pending row.
	 *
	 * @param key the key
	 * @param contentType the content type of the document that showed it
	 * @param documentId that document's reported id
	 */
	public record PendingKey(String key, String contentType, String documentId) {
	}

}
