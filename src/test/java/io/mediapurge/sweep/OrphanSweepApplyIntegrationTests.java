package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.launch.ExecutionNotFoundException;
import io.mediapurge.operations.launch.OperationRefusedException;
import io.mediapurge.operations.metrics.SweepMetrics;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlanStatus;
import io.mediapurge.sweep.plan.SweepPlanNotFoundException;

/**
 * Applies: only the plan's keys, only those still unreferenced and unchanged, once.
 */
class OrphanSweepApplyIntegrationTests extends SweepIntegrationTestSupport {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job orphanSweepJob;

	@Autowired
	MeterRegistry meters;

	@Test
	void anApplyDeletesThePlansKeysAndAuditsThem() {
		// given: five orphans over three apply chunks, one referenced object
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "articles/d.jpg", "articles/e.jpg",
				"galleries/shown.jpg");
		insert("galleries", gallery("g", s3Url("galleries/shown.jpg")));
		long planId = plan();
		assertThat(this.meters.get(SweepMetrics.ORPHAN_OBJECTS).tag("prefix", "galleries/").gauge().value())
			.isEqualTo(3);
		assertThat(this.meters.get(SweepMetrics.ORPHAN_BYTES).tag("prefix", "articles/").gauge().value()).isPositive();
		double deletedBefore = deletedCounter();

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.s3.keys()).containsExactly("galleries/shown.jpg");
		assertThat(new TreeSet<>(this.plans.deletedKeys(planId))).isEqualTo(candidates(planId)).hasSize(5);
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 5L);
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.APPLIED);
		// one DeleteObjects request per chunk of two keys, grouped by the apply chunk
		assertThat(this.s3.faults().deleteRequests()).allMatch(keys -> keys.size() <= 2).hasSize(3);
		assertThat(deletedCounter() - deletedBefore).isEqualTo(5);
	}

	private double deletedCounter() {
		return this.meters.get(SweepMetrics.APPLY_KEYS).tag("outcome", "deleted").counter().count();
	}

	@Test
	void aDocumentWrittenBetweenPlanAndApplyKeepsItsKey() {
		// given
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		long planId = plan();
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		// the CMS saves a page showing b, through another URL form than the CDN's
		insert("galleries", gallery("new", s3Url("galleries/b.jpg")));

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg");
		assertThat(this.plans.objects(planId, 0, 10)).filteredOn(o -> o.key().equals("galleries/b.jpg"))
			.singleElement()
			.satisfies(o -> assertThat(o.outcome()).isEqualTo(ApplyOutcome.KEPT_REFERENCED));
	}

	@Test
	void anObjectOverwrittenBetweenPlanAndApplyIsKept() {
		// given
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		long planId = plan();
		this.s3.putContent("galleries/b.jpg", "a new image under the same key");

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(keysSentToS3()).doesNotContain("galleries/b.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.KEPT_CHANGED, 1L)
			.containsEntry(ApplyOutcome.DELETED, 2L);
	}

	@Test
	void anObjectCreatedAfterThePlanIsNotDeletedByItsApply() {
		// given
		this.s3.put("galleries/a.jpg", "galleries/c.jpg", "galleries/e.jpg");
		long planId = plan();
		// between the plan's keys, and after them
		this.s3.put("galleries/b.jpg", "galleries/d.jpg", "galleries/z.jpg", "articles/new.jpg");

		// when
		this.sweeps.apply(planId);

		// then
		assertThat(this.s3.keys()).containsExactly("articles/new.jpg", "galleries/b.jpg", "galleries/d.jpg",
				"galleries/z.jpg");
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg", "galleries/c.jpg", "galleries/e.jpg");
	}

	@Test
	void aSecondApplyIsRefused() throws Exception {
		// given: an applied plan whose key came back
		this.s3.put("galleries/a.jpg");
		long planId = plan();
		this.sweeps.apply(planId);
		this.s3.put("galleries/a.jpg");

		// when / then: through the launcher, and straight through the job
		assertThatThrownBy(() -> this.sweeps.apply(planId)).isInstanceOf(OperationRefusedException.class)
			.hasMessageContaining("cannot run twice");
		JobExecution direct = this.jobOperator.start(this.orphanSweepJob,
				SweepJobParameters.apply(Instant.now(), planId));
		assertThat(direct.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.s3.exists("galleries/a.jpg")).isTrue();
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.APPLIED);
		assertThatThrownBy(() -> this.sweeps.apply(planId + 1000)).isInstanceOf(SweepPlanNotFoundException.class);
	}

	@Test
	void anApplyThatCrashedMidwayIsRestartedAndDeletesNothingOutsideThePlan() {
		// given: eight orphans (four chunks); the apply dies after the second chunk's
		// deletes, before it commits
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg", "galleries/g.jpg", "galleries/h.jpg");
		long planId = plan();
		Set<String> planned = candidates(planId);
		this.gate.failAtChunk(2);
		JobExecution crashed = this.sweeps.apply(planId);
		assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.s3.keys()).containsExactly("galleries/e.jpg", "galleries/f.jpg", "galleries/g.jpg",
				"galleries/h.jpg");
		// meanwhile: a new object in the plan's key range, an overwrite, a new reference
		this.s3.put("galleries/c2.jpg");
		this.s3.putContent("galleries/g.jpg", "replaced");
		insert("galleries", gallery("late", s3Url("galleries/h.jpg")));
		assertThatThrownBy(() -> this.sweeps.apply(planId)).isInstanceOf(OperationRefusedException.class)
			.hasMessageContaining("restart that execution");

		// the purge's restart does not take a sweep's execution
		assertThatThrownBy(() -> this.launcher.restart(crashed.getId())).isInstanceOf(ExecutionNotFoundException.class);

		// when
		JobExecution restarted = this.sweeps.restart(crashed.getId());

		// then
		assertThat(ExitCodes.of(restarted)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/c2.jpg", "galleries/g.jpg", "galleries/h.jpg");
		assertThat(keysSentToS3()).isSubsetOf(planned).doesNotContain("galleries/g.jpg", "galleries/h.jpg");
		assertThat(this.plans.deletedKeys(planId)).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/b.jpg",
				"galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg", "galleries/f.jpg");
		Map<ApplyOutcome, Long> outcomes = this.plans.outcomes(planId);
		assertThat(outcomes).containsEntry(ApplyOutcome.DELETED, 4L)
			.containsEntry(ApplyOutcome.GONE, 2L)
			.containsEntry(ApplyOutcome.KEPT_CHANGED, 1L)
			.containsEntry(ApplyOutcome.KEPT_REFERENCED, 1L);
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.APPLIED);
	}

}
