package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.TestServers;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * Base of the sweep's integration tests: the application on the in-process MongoDB and S3
 * servers, key prefixes {@code galleries/} and {@code articles/}, small pages and chunks
 * (3 keys a listing page, 2 keys an apply chunk) so that paging and key ranges are
 * exercised, and a {@link SweepGate}. Plans and history are emptied before each test.
 */
@SpringBatchTest
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:sweep-job;DB_CLOSE_DELAY=-1",
		"media-purge.sweep.page-size=3", "media-purge.sweep.delete-chunk-size=2" })
@Import(SweepGate.Configuration.class)
abstract class SweepIntegrationTestSupport extends ApplicationTestSupport {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("media-purge.s3.key-prefixes", () -> "galleries/,articles/");
	}

	@Autowired
	protected SweepLauncher sweeps;

	@Autowired
	protected SweepPlans plans;

	@Autowired
	protected ImageUrlResolver resolver;

	@Autowired
	protected SweepGate gate;

	@BeforeEach
	@AfterEach
	void emptyPlans() {
		this.gate.disarm();
		for (String table : List.of("sweep_plan", "sweep_plan_prefix", "sweep_plan_object", "sweep_dangling_reference",
				"sweep_deleted_object")) {
			this.jdbc.update("DELETE FROM " + table);
		}
	}

	/** Makes a plan with no minimum age (every object already in the bucket is old). */
	protected long plan(String... prefixes) {
		return plan(Duration.ZERO, prefixes);
	}

	protected long plan(@Nullable Duration minAge, String... prefixes) {
		JobExecution execution = this.sweeps.plan(List.of(prefixes), minAge);
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		return execution.getJobInstance().getInstanceId();
	}

	protected Set<String> candidates(long planId) {
		Set<String> keys = new TreeSet<>();
		this.plans.objects(planId, 0, 10_000).stream().map(PlannedObject::key).forEach(keys::add);
		return keys;
	}

	protected void insert(String collection, Document... documents) {
		this.mongo.getCollection(collection).insertMany(List.of(documents));
	}

	/**
	 * Inserts galleries while the plan lists: once, at the first page any partition
	 * lists, inside that page's chunk (after the mark, before the dangling check).
	 */
	protected void insertGalleriesAtFirstPage(Document... galleries) {
		AtomicBoolean inserted = new AtomicBoolean();
		this.gate.onPageListed((prefix, objects) -> {
			if (inserted.compareAndSet(false, true)) {
				insert("galleries", galleries);
			}
		});
	}

	protected long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

	/** All keys sent in DeleteObjects requests since the test began. */
	protected Set<String> keysSentToS3() {
		Set<String> keys = new TreeSet<>();
		this.s3.faults().deleteRequests().forEach(keys::addAll);
		return keys;
	}

	/**
	 * What another process's recover does to the running apply: its execution FAILED in
	 * the job repository.
	 */
	protected void recoveredElsewhere() {
		assertThat(this.jdbc.update(
				"UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED' WHERE STATUS = 'STARTED' AND JOB_INSTANCE_ID IN "
						+ "(SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?)",
				OrphanSweepJobConfiguration.JOB_NAME))
			.isOne();
	}

}
