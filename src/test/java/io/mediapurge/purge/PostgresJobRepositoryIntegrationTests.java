package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.PostgresTestSchema;

/**
 * The production job repository: the machine's PostgreSQL, in a schema of its own that
 * Flyway creates and migrates (Spring Batch's tables and the project's), dropped
 * afterwards.
 */
@SpringBootTest
class PostgresJobRepositoryIntegrationTests extends ApplicationTestSupport {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("media_purge");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		SCHEMA.register(registry);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		SCHEMA.drop();
	}

	@Test
	void migratesThePostgresSchemaAndRecordsRunsTwiceInARow() {
		this.s3.put("galleries/g1/1.jpg", "galleries/g2/1.jpg");
		this.mongo.getCollection("galleries").insertOne(due(gallery("g1", s3Url("galleries/g1/1.jpg"))));

		JobExecution first = this.launcher.run(false, Set.of());
		this.mongo.getCollection("galleries").insertOne(due(gallery("g2", s3Url("galleries/g2/1.jpg"))));
		JobExecution second = this.launcher.run(false, Set.of());

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(SCHEMA.name());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'mediaPurgeJob'",
				Long.class))
			.isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT image_key FROM purge_deleted_image ORDER BY id", String.class))
			.containsExactly("galleries/g1/1.jpg", "galleries/g2/1.jpg");
		assertThat(this.jdbc.queryForObject(
				"SELECT documents_purged FROM purge_step_summary WHERE job_execution_id = ? AND content_type = 'gallery'",
				Long.class, second.getId()))
			.isEqualTo(1);
		assertThat(this.jdbc
			.queryForList("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
					+ "ORDER BY installed_rank", String.class))
			// later migrations come from other features (V7: the orphan sweep's plans,
			// V8:
			// the other-bucket counter)
			.startsWith("1", "2", "3", "4")
			.contains("7", "8");
		// the column V8 adds, written by the job
		assertThat(this.jdbc.queryForObject(
				"SELECT images_other_bucket FROM purge_step_summary WHERE job_execution_id = ? AND content_type = 'gallery'",
				Long.class, first.getId()))
			.isZero();
	}

}
