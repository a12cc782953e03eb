package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * How one call names its keys in a request, and what each per-key answer of a conditional
 * DeleteObjects makes of its key.
 */
class DeleteOutcomeTests {

	@Test
	void aKeyIsNamedWithItsETagWhenItHasOne() {
		DeleteOutcome outcome = new DeleteOutcome(Map.of("galleries/a.jpg", "\"e1\""));

		assertThat(outcome.identifier("galleries/a.jpg").key()).isEqualTo("galleries/a.jpg");
		assertThat(outcome.identifier("galleries/a.jpg").eTag()).isEqualTo("\"e1\"");
		assertThat(outcome.identifier("galleries/b.jpg").eTag()).isNull();
		assertThat(new DeleteOutcome().identifier("galleries/a.jpg").eTag()).isNull();
	}

	@Test
	void aPreconditionFailureSettlesItsKeyAsChangedAndIsNeverRetried() {
		DeleteOutcome outcome = new DeleteOutcome(Map.of("galleries/a.jpg", "\"e1\"", "galleries/b.jpg", "\"e2\"",
				"galleries/c.jpg", "\"e3\"", "galleries/d.jpg", "\"e4\""));
		Set<String> pending = new LinkedHashSet<>(
				List.of("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg", "galleries/d.jpg"));
		outcome.sending(pending, false);

		DeleteOutcome.Answer answer = outcome.read(DeleteObjectsResponse.builder()
			.deleted(DeletedObject.builder().key("galleries/a.jpg").build())
			.errors(error("galleries/b.jpg", "PreconditionFailed"), error("galleries/c.jpg", "NoSuchKey"),
					error("galleries/d.jpg", "ConditionalRequestConflict"))
			.build(), pending);

		// b changed and c is gone: settled, never sent again; d raced another write:
		// asked
		// again
		assertThat(answer).isNotNull();
		assertThat(answer.storeWide()).isNull();
		assertThat(answer.throttled()).isFalse();
		assertThat(pending).containsExactly("galleries/d.jpg");
		DeleteReport report = outcome.report();
		assertThat(report.deleted()).containsExactly("galleries/a.jpg");
		assertThat(report.changed()).containsExactly("galleries/b.jpg");
		assertThat(report.failed()).containsOnlyKeys("galleries/b.jpg", "galleries/c.jpg");
		assertThat(report.failed().get("galleries/b.jpg").code()).isEqualTo(DeleteReport.PRECONDITION_FAILED);
		assertThat(report.failed().get("galleries/b.jpg").reason()).startsWith("PreconditionFailed");
		assertThat(report.failed().get("galleries/c.jpg").code()).isEqualTo(DeleteReport.NO_SUCH_KEY);
		assertThat(outcome.lastTransient("galleries/d.jpg")).startsWith("ConditionalRequestConflict");
	}

	private static S3Error error(String key, String code) {
		return S3Error.builder().key(key).code(code).message(code + " for " + key).build();
	}

}
