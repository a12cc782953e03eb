package io.mediapurge.operations.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.PostgresTestSchema;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.metrics.RunOutcomeMetrics;
import io.mediapurge.operations.metrics.SampleNight;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

/**
 * Plans and the run-outcome gauges on the production job repository, PostgreSQL (a schema
 * of its own, dropped afterwards): the V4 migration, the plan's queries and the gauges'
 * queries.
 */
@SpringBootTest
class DryRunPlanPostgresIntegrationTests {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("media_purge");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		SCHEMA.register(registry);
	}

	@Autowired
	PurgeLauncher launcher;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DryRunPlans plans;

	EmbeddedS3 s3 = TestServers.s3();

	@AfterAll
	static void dropSchema() throws Exception {
		SCHEMA.drop();
	}

	@Test
	void recordsAndReadsAPlanThenTheGaugesSeeTheRealRun() {
		List.of("galleries", "articles", "theater_releases", "ott_releases")
			.forEach(collection -> this.mongo.getCollection(collection).deleteMany(new Document()));
		this.s3.clear();
		SampleNight.seed(this.mongo, this.s3, this.jdbc);

		JobExecution dryRun = this.launcher.run(true, Set.of());

		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		DryRunPlan plan = this.plans.find(dryRun.getId());
		assertThat(plan.totals()).isEqualTo(new DryRunPlan.Totals(4, 1, 1, 5, 1, 1));
		assertThat(plan.documents()).filteredOn(document -> document.documentId().equals("g1"))
			.singleElement()
			.satisfies(g1 -> assertThat(g1.keysToDelete()).containsExactly("galleries/g1/1.jpg", "galleries/g1/2.jpg"));

		this.s3.faults().denyKeys(Set.of());
		JobExecution real = this.launcher.run(false, Set.of());
		assertThat(real.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// a fresh process reads the last success from the repository
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new RunOutcomeMetrics(registry, this.jdbc, Clock.systemUTC());
		double lastSuccess = registry.get("media.purge.last.success.timestamp").gauge().value();
		assertThat(lastSuccess).isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));
		assertThat(registry.get("media.purge.last.run.failed").gauge().value()).isZero();
	}

}
