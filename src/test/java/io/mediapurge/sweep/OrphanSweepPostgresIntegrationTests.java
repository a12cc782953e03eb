package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.PostgresTestSchema;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.DanglingReference;

/**
 * A plan and its apply on the production job repository, PostgreSQL (a schema of its own,
 * dropped afterwards): the sweep's migration, its statements and the dangling check's
 * lookup of candidates.
 */
class OrphanSweepPostgresIntegrationTests extends SweepIntegrationTestSupport {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("media_purge_sweep");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		SCHEMA.register(registry);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		SCHEMA.drop();
	}

	@Test
	void aPlanAndItsApplyOnPostgreSql() {
		// given: orphans, a referenced key, and a gallery saved during the listing that
		// shows one orphan and a key the bucket does not hold
		for (int i = 1; i <= 5; i++) {
			this.s3.put("galleries/orphan-" + i + ".jpg");
		}
		this.s3.put("galleries/shown.jpg", "articles/orphan.jpg");
		insert("galleries", gallery("live", cdnUrl("galleries/shown.jpg")));
		insertGalleriesAtFirstPage(
				gallery("saved-meanwhile", cdnUrl("galleries/orphan-5.jpg"), cdnUrl("galleries/lost.jpg")));
		assertThat(this.jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(SCHEMA.name());

		// when
		long planId = plan();

		// then: the plan, on PostgreSQL
		assertThat(candidates(planId)).containsExactly("articles/orphan.jpg", "galleries/orphan-1.jpg",
				"galleries/orphan-2.jpg", "galleries/orphan-3.jpg", "galleries/orphan-4.jpg", "galleries/orphan-5.jpg");
		assertThat(this.plans.dangling(planId, 0, 100)).extracting(DanglingReference::key)
			.containsExactly("galleries/lost.jpg");

		// when: applied
		JobExecution apply = this.sweeps.apply(planId);

		// then: the orphans are gone; the candidate the gallery now shows is kept
		assertThat(apply.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/shown.jpg", "galleries/orphan-5.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 5L)
			.containsEntry(ApplyOutcome.KEPT_REFERENCED, 1L);
		assertThat(List.copyOf(this.plans.recent(5))).hasSize(1);
	}

}
