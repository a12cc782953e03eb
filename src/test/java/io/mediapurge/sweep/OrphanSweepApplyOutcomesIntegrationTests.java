package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlanStatus;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * A chunk's outcomes are written in one batch: a batch that fails part way through leaves
 * none of the chunk's outcomes behind, and the restart decides the chunk again without
 * deleting or auditing a key twice.
 */
class OrphanSweepApplyOutcomesIntegrationTests extends SweepIntegrationTestSupport {

	@AfterEach
	void dropTrigger() {
		this.jdbc.execute("DROP TRIGGER IF EXISTS sweep_outcome_fault");
	}

	@Test
	void aBatchOfOutcomesThatFailsPartWayLeavesTheChunkUndecided() {
		// given: six orphans (three chunks); recording the outcome of the second chunk's
		// second key fails, after its first key's was written in the same batch
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg", "galleries/e.jpg",
				"galleries/f.jpg");
		long planId = plan();
		Set<String> planned = candidates(planId);
		this.jdbc.execute("CREATE TRIGGER sweep_outcome_fault BEFORE UPDATE ON sweep_plan_object FOR EACH ROW CALL '"
				+ FailingOutcome.class.getName() + "'");

		// when
		JobExecution failed = this.sweeps.apply(planId);

		// then: the first chunk committed; the second deleted its keys and audited them,
		// but none of its outcomes is recorded
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.s3.keys()).containsExactly("galleries/e.jpg", "galleries/f.jpg");
		assertThat(this.plans.deletedKeys(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg",
				"galleries/c.jpg", "galleries/d.jpg");
		assertThat(this.plans.objects(planId, 0, 10)).extracting(PlannedObject::key, PlannedObject::outcome)
			.containsExactly(tuple("galleries/a.jpg", ApplyOutcome.DELETED),
					tuple("galleries/b.jpg", ApplyOutcome.DELETED), tuple("galleries/c.jpg", null),
					tuple("galleries/d.jpg", null), tuple("galleries/e.jpg", null), tuple("galleries/f.jpg", null));

		// when: the fault is gone, the apply restarted
		dropTrigger();
		JobExecution restarted = this.sweeps.restart(failed.getId());

		// then: the second chunk's keys are gone, each audited once, each counted once
		assertThat(ExitCodes.of(restarted)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.s3.keys()).isEmpty();
		assertThat(keysSentToS3()).isEqualTo(planned);
		assertThat(this.s3.faults().deleteRequests()).hasSize(3);
		assertThat(this.plans.deletedKeys(planId)).containsExactlyInAnyOrderElementsOf(planned).hasSize(6);
		Map<ApplyOutcome, Long> outcomes = this.plans.outcomes(planId);
		assertThat(outcomes).containsEntry(ApplyOutcome.DELETED, 4L).containsEntry(ApplyOutcome.GONE, 2L);
		assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.APPLIED);
	}

	/** Refuses to record an outcome for galleries/d.jpg. */
	public static class FailingOutcome implements Trigger {

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
			if ("galleries/d.jpg".equals(newRow[1]) && newRow[6] != null) {
				throw new SQLException("Simulated failure recording the outcome of galleries/d.jpg");
			}
		}

	}

}
