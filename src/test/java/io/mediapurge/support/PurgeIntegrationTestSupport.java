package io.mediapurge.support;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Filters;

import io.mediapurge.purge.PurgeSummary;

/**
 * Base of the job's integration tests: the application over the in-process MongoDB and S3
 * servers and an in-memory H2 job repository, emptied before each test (the audit log and
 * the events too). All subclasses share one application context.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:purge-job;DB_CLOSE_DELAY=-1")
public abstract class PurgeIntegrationTestSupport extends ApplicationTestSupport {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

	@BeforeEach
	void emptyJournal() {
		this.jdbc.update("DELETE FROM purge_deleted_image");
		this.jdbc.update("DELETE FROM purge_document_event");
	}

	protected void insert(String collection, Document... documents) {
		this.mongo.getCollection(collection).insertMany(List.of(documents));
	}

	protected long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

	protected long countAll() {
		return COLLECTIONS.stream().mapToLong(this::count).sum();
	}

	protected Document find(String collection, Bson filter) {
		return this.mongo.getCollection(collection).find(filter).first();
	}

	protected Document storedGallery(String galleryId) {
		return find("galleries", Filters.eq("gallery_id", galleryId));
	}

	protected Set<String> auditedKeys(JobExecution execution) {
		return new HashSet<>(
				this.jdbc.queryForList("SELECT image_key FROM purge_deleted_image WHERE job_execution_id = ?",
						String.class, execution.getId()));
	}

	protected List<Map<String, Object>> events(JobExecution execution) {
		return this.jdbc.queryForList(
				"SELECT content_type, document_id, event, reason_code, reason, image_key FROM purge_document_event "
						+ "WHERE job_execution_id = ? ORDER BY id",
				execution.getId());
	}

	/** All keys sent in DeleteObjects requests since the test began. */
	protected Set<String> keysSentToS3() {
		Set<String> keys = new HashSet<>();
		this.s3.faults().deleteRequests().forEach(keys::addAll);
		return keys;
	}

	@SuppressWarnings("unchecked")
	protected static PurgeSummary summary(JobExecution execution, String contentType) {
		StepExecution step = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals("purge-" + contentType))
			.reduce((first, second) -> second)
			.orElseThrow(
					() -> new AssertionError("no step purge-" + contentType + " in " + execution.getStepExecutions()));
		return PurgeSummary.fromMap((Map<String, Object>) step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY));
	}

}
