package io.mediapurge.reliability.references;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.mediapurge.support.ChunkGate;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The job on the in-process servers with a {@link ChunkGate}, so a test can write to the
 * CMS at an exact moment of a step: after its snapshot of references, or between two of
 * its chunks. Each subclass sets the chunk size and the rest with its own
 * {@code @SpringBootTest}.
 */
@Import(ChunkGate.Configuration.class)
abstract class ReferencesTestSupport extends PurgeIntegrationTestSupport {

	@Autowired
	ChunkGate gate;

	@AfterEach
	void releaseTheGate() {
		this.gate.release();
	}

	/**
	 * @return the business ids of every document left in the CMS collections
	 */
	Set<String> documents() {
		Set<String> ids = new TreeSet<>();
		for (String collection : COLLECTIONS) {
			for (Document document : this.mongo.getCollection(collection).find()) {
				for (String field : List.of("article_id", "gallery_id", "release_id")) {
					if (document.getString(field) != null) {
						ids.add(document.getString(field));
					}
				}
			}
		}
		return ids;
	}

	Set<String> keys() {
		return new TreeSet<>(this.s3.keys());
	}

	Set<String> pendingKeys() {
		return new TreeSet<>(this.jdbc.queryForList("SELECT DISTINCT image_key FROM purge_pending_key", String.class));
	}

	long purgedDocuments(JobExecution execution) {
		return this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(documents_purged), 0) FROM purge_step_summary WHERE job_execution_id = ?",
				Long.class, execution.getId());
	}

}
