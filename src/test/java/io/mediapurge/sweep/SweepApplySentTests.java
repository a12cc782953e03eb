package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mediapurge.imagestore.DeleteReport;
import io.mediapurge.imagestore.DeleteReport.KeyFailure;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * What an apply records for each key it sent, from the deleter's report: a key S3 kept
 * because its ETag was no longer the planned one is KEPT_CHANGED (neither deleted nor
 * failed), one S3 no longer had is GONE, and every other per-key error stays FAILED.
 */
class SweepApplySentTests {

	private static final PlannedObject A = object("galleries/a.jpg");

	private static final PlannedObject B = object("galleries/b.jpg");

	private static final PlannedObject C = object("galleries/c.jpg");

	private static final PlannedObject D = object("galleries/d.jpg");

	private static final PlannedObject E = object("galleries/e.jpg");

	private static final PlannedObject F = object("galleries/f.jpg");

	private final DeleteReport report = new DeleteReport(Set.of(A.key()),
			Map.of(B.key(), new KeyFailure(DeleteReport.PRECONDITION_FAILED, "PreconditionFailed: At least one"),
					C.key(), new KeyFailure(DeleteReport.NO_SUCH_KEY, "NoSuchKey: gone"), D.key(),
					new KeyFailure("AccessDenied", "AccessDenied: no"), E.key(),
					new KeyFailure(DeleteReport.TRANSIENT_EXHAUSTED, "no success after 3 attempts")),
			1, 0, Set.of(F.key()));

	@Test
	void aDeletedKeyIsDeleted() {
		assertThat(SweepApplyWriter.Sent.of(this.report, A))
			.isEqualTo(new SweepApplyWriter.Sent(ApplyOutcome.DELETED, null));
	}

	@Test
	void aPreconditionFailureIsAChange() {
		SweepApplyWriter.Sent sent = SweepApplyWriter.Sent.of(this.report, B);

		assertThat(sent.outcome()).isEqualTo(ApplyOutcome.KEPT_CHANGED);
		assertThat(sent.reason()).isEqualTo(
				"planned ETag \"e-galleries/b.jpg\" no longer current when deleted (PreconditionFailed: At least one)");
	}

	@Test
	void aKeyNoLongerThereIsGone() {
		assertThat(SweepApplyWriter.Sent.of(this.report, C).outcome()).isEqualTo(ApplyOutcome.GONE);
	}

	@Test
	void otherErrorsFail() {
		assertThat(SweepApplyWriter.Sent.of(this.report, D))
			.isEqualTo(new SweepApplyWriter.Sent(ApplyOutcome.FAILED, "AccessDenied: AccessDenied: no"));
		assertThat(SweepApplyWriter.Sent.of(this.report, E).outcome()).isEqualTo(ApplyOutcome.FAILED);
		assertThat(SweepApplyWriter.Sent.of(this.report, object("galleries/unanswered.jpg")))
			.isEqualTo(new SweepApplyWriter.Sent(ApplyOutcome.FAILED, "S3 did not confirm the delete"));
	}

	@Test
	void aWithheldKeyIsReferenced() {
		assertThat(SweepApplyWriter.Sent.of(this.report, F).outcome()).isEqualTo(ApplyOutcome.KEPT_REFERENCED);
	}

	@Test
	void anETagIsSentWithoutTheQuotesOfTheListing() {
		assertThat(SweepApplyWriter.sentETag("\"9b2cf535f27731c974343645a3985328\""))
			.isEqualTo("9b2cf535f27731c974343645a3985328");
		assertThat(SweepApplyWriter.sentETag("\"d41d8cd98f00b204e9800998ecf8427e-3\""))
			.isEqualTo("d41d8cd98f00b204e9800998ecf8427e-3");
		// an inventory's ETags come without quotes
		assertThat(SweepApplyWriter.sentETag("9b2cf535f27731c974343645a3985328"))
			.isEqualTo("9b2cf535f27731c974343645a3985328");
		assertThat(SweepApplyWriter.sentETag("\"")).isEqualTo("\"");
	}

	private static PlannedObject object(String key) {
		return PlannedObject.listed(key, 10, Instant.parse("2026-01-01T00:00:00Z"), "\"e-" + key + "\"", "galleries/");
	}

}
