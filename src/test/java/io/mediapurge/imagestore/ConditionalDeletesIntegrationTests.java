package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;

import io.mediapurge.support.EmbeddedS3;

/**
 * Keys sent with an ETag are deleted only while they still have it: the in-process S3
 * server (S3Proxy) compares each key's ETag when it serves the request, keeps a key whose
 * ETag differs and answers PreconditionFailed for it, which the deleter never retries. A
 * conditional request is still one DeleteObjects request, and keys sent without an ETag
 * in it go as before.
 */
class ConditionalDeletesIntegrationTests extends EmbeddedS3DeleterTestSupport {

	private S3ImageDeleter deleter() {
		return new S3ImageDeleter(this.client, properties(this.s3));
	}

	private static S3Properties properties(EmbeddedS3 s3) {
		return new S3Properties("media", "us-east-1", s3.endpoint(), true, List.of(), List.of("galleries/"), false,
				new S3Properties.Delete(100, 3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10),
						Duration.ofSeconds(5), 0, List.of(), 1),
				true, null, List.of());
	}

	/**
	 * An in-memory store S3Proxy does not know (its class is outside S3Proxy's packages),
	 * as an S3-compatible store that does not implement conditional deletes.
	 */
	static final class UnknownBackend extends AbstractNio2BlobStore {

		UnknownBackend() {
			super(Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("posix", "user").build())
				.getPath("/"));
		}

	}

	@Test
	void aKeyOverwrittenSinceItsETagWasReadIsKeptAndReportedChanged() {
		// given: three objects and their ETags as listed; then b is overwritten
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		Map<String, String> eTags = Map.of("galleries/a.jpg", this.s3.listed("galleries/a.jpg").eTag(),
				"galleries/b.jpg", this.s3.listed("galleries/b.jpg").eTag());
		this.s3.putContent("galleries/b.jpg", "a new image");

		// when: a and b go only while unchanged, c whatever it holds
		DeleteReport report = deleter().delete(List.of("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg"), eTags,
				SendCheck.NONE);

		// then: b stays, changed, after one request that carried every key
		assertThat(report.deleted()).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/c.jpg");
		assertThat(report.changed()).containsExactly("galleries/b.jpg");
		assertThat(report.failed()).containsOnlyKeys("galleries/b.jpg");
		assertThat(report.failed().get("galleries/b.jpg").code()).isEqualTo(DeleteReport.PRECONDITION_FAILED);
		assertThat(report.requests()).isEqualTo(1);
		assertThat(report.retriedKeys()).isZero();
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(this.s3.faults().deleteRequests()).singleElement()
			.satisfies(keys -> assertThat(keys).containsExactlyInAnyOrder("galleries/a.jpg", "galleries/b.jpg",
					"galleries/c.jpg"));
	}

	@Test
	void perKeyFaultsStillReachTheKeysOfAConditionalRequest() {
		// given: a key S3 refuses, and one it throttles once
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		Map<String, String> eTags = Map.of("galleries/a.jpg", this.s3.listed("galleries/a.jpg").eTag(),
				"galleries/b.jpg", this.s3.listed("galleries/b.jpg").eTag());
		this.s3.faults().denyKeys(Set.of("galleries/a.jpg"));
		this.s3.faults().slowDownKeys(Set.of("galleries/b.jpg"), 1);

		// when
		DeleteReport report = deleter().delete(List.of("galleries/a.jpg", "galleries/b.jpg"), eTags, SendCheck.NONE);

		// then: a failed, b deleted on the retry with its ETag still sent; two requests
		assertThat(report.failed()).containsOnlyKeys("galleries/a.jpg");
		assertThat(report.failed().get("galleries/a.jpg").code()).isEqualTo("AccessDenied");
		assertThat(report.changed()).isEmpty();
		assertThat(report.deleted()).containsExactly("galleries/b.jpg");
		assertThat(this.s3.faults().deleteRequests()).containsExactly(List.of("galleries/a.jpg", "galleries/b.jpg"),
				List.of("galleries/b.jpg"));
	}

	@Test
	void aStoreThatDoesNotImplementConditionalDeletesIsRefusedAtOnceNamingTheSetting() throws Exception {
		// given: S3Proxy over a store it cannot tell, which it answers 501 NotImplemented
		// for any DeleteObjects that carries an ETag
		try (EmbeddedS3 other = new EmbeddedS3("media", new UnknownBackend());
				S3Client otherClient = other.newClientWithoutRetries()) {
			other.put("galleries/a.jpg");
			S3ImageDeleter deleter = new S3ImageDeleter(otherClient, properties(other));

			// when, then: no retry, and the message names the setting
			assertThatExceptionOfType(ImageStoreUnavailableException.class)
				.isThrownBy(() -> deleter.delete(List.of("galleries/a.jpg"),
						Map.of("galleries/a.jpg", other.listed("galleries/a.jpg").eTag()), SendCheck.NONE))
				.satisfies(ex -> assertThat(ex.reason()).isEqualTo(ImageStoreUnavailableException.Reason.REFUSED))
				.withMessageContaining("HTTP 501 NotImplemented")
				.withMessageContaining("media-purge.sweep.conditional-deletes=false");
			assertThat(other.keys()).containsExactly("galleries/a.jpg");
			// and without ETags the same store deletes
			assertThat(deleter.delete(List.of("galleries/a.jpg")).deleted()).containsExactly("galleries/a.jpg");
		}
	}

	@Test
	void keysWithoutAnETagAreDeletedWhateverTheyHold() {
		this.s3.put("galleries/a.jpg");
		this.s3.putContent("galleries/a.jpg", "a new image");

		DeleteReport report = deleter().delete(List.of("galleries/a.jpg"), Map.of(), SendCheck.NONE);

		assertThat(report.deleted()).containsExactly("galleries/a.jpg");
		assertThat(this.s3.keys()).isEmpty();
		assertThat(this.s3.faults().deleteRequests()).containsExactly(List.of("galleries/a.jpg"));
	}

}
