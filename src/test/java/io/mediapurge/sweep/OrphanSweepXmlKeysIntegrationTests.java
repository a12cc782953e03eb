package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.S3Inventories;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlanStatus;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * Keys S3 stores but a DeleteObjects body cannot name: XML 1.0 cannot carry U+FFFE,
 * U+FFFF or a control character other than tab, LF and CR. The plan lists them (by a
 * listing or an inventory) like any other key; the apply records each as failed with the
 * reason, never sends it, and deletes the rest of its chunk.
 */
class OrphanSweepXmlKeysIntegrationTests extends SweepIntegrationTestSupport {

	static final String NONCHARACTER = "galleries/b\uffffc.jpg";

	static final String CONTROL = "galleries/d\u0001e.jpg";

	static final String REVERSED_BOM = "galleries/e\ufffef.jpg";

	@Test
	void anApplyFailsTheKeysXmlCannotCarryAndDeletesTheRestOfTheirChunks() {
		// given: five orphans over three apply chunks of two, [a, b\uffffc], [c,
		// d\u0001e],
		// [e\ufffef]: each of the first two holds a plain key and one XML cannot carry.
		// (The in-process S3 server writes a key as its own continuation token,
		// unencoded,
		// so no listing page of three may end on such a key; S3's tokens are opaque.)
		this.s3.put("galleries/a.jpg", NONCHARACTER, "galleries/c.jpg", CONTROL, REVERSED_BOM);
		long planId = plan();
		assertThat(candidates(planId)).containsExactlyInAnyOrder("galleries/a.jpg", NONCHARACTER, "galleries/c.jpg",
				CONTROL, REVERSED_BOM);

		// when
		JobExecution applied = this.sweeps.apply(planId);

		// then: the apply completed; the plain keys are gone, the others failed with the
		// reason, were never sent and are still there
		assertThat(applied.getStatus()).as(applied.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg", "galleries/c.jpg");
		assertThat(this.s3.keys()).containsExactlyInAnyOrder(NONCHARACTER, CONTROL, REVERSED_BOM);
		assertThat(this.plans.deletedKeys(planId)).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/c.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 2L)
			.containsEntry(ApplyOutcome.FAILED, 3L);
		assertThat(this.plans.objects(planId, 0, 10)).filteredOn(object -> object.outcome() == ApplyOutcome.FAILED)
			.extracting(PlannedObject::key, PlannedObject::outcomeReason)
			.containsExactlyInAnyOrder(tuple(NONCHARACTER, reason("U+FFFF", 12)), tuple(CONTROL, reason("U+0001", 12)),
					tuple(REVERSED_BOM, reason("U+FFFE", 12)));
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.APPLIED);
	}

	@Test
	void aPlanFromAnInventoryListsTheKeysXmlCannotCarry() {
		// given: an inventory of the bucket, which writes every key URL-encoded
		this.s3.put("galleries/a.jpg", NONCHARACTER, CONTROL);
		S3Inventories inventories = new S3Inventories(this.s3);
		inventories.clear();
		String location = inventories.deliver(Instant.now().minus(Duration.ofMinutes(5)),
				List.of(inventories.rows("galleries/")));
		long listed = plan("galleries/");

		// when
		JobExecution execution = this.sweeps.plan(List.of("galleries/"), Duration.ZERO, location);

		// then: the same plan as the listing's
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		long planId = execution.getJobInstance().getInstanceId();
		assertThat(candidates(planId)).containsExactlyInAnyOrder("galleries/a.jpg", NONCHARACTER, CONTROL);
		assertThat(this.plans.objects(planId, 0, 10)).isEqualTo(this.plans.objects(listed, 0, 10));
	}

	private static String reason(String character, int index) {
		return "not-xml: the key holds " + character + " at character " + index
				+ ", which XML 1.0 cannot carry: no DeleteObjects request can name it";
	}

}
