package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mediapurge.imagestore.DeleteReport.KeyFailure;

/**
 * Keys a DeleteObjects body cannot name fail alone, are never sent, and take nothing else
 * of their request with them; tab, LF and CR, which XML carries, are deleted.
 */
class XmlKeyDeletesIntegrationTests extends EmbeddedS3DeleterTestSupport {

	private S3ImageDeleter deleter() {
		S3Properties properties = new S3Properties("media", "us-east-1", this.s3.endpoint(), true, List.of(),
				List.of("galleries/"), false, new S3Properties.Delete(100, 3, Duration.ofMillis(5),
						Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(5), 0, List.of(), 1),
				true, null, List.of());
		return new S3ImageDeleter(this.client, properties);
	}

	@Test
	void keysXmlCannotCarryFailAloneAndTheRestOfTheRequestIsDeleted() {
		// given: keys S3 stores but XML cannot carry, keys with tab, LF and CR, and the
		// key the SDK would write for a lone surrogate ('?')
		String noncharacter = "galleries/a\uffff.jpg";
		String control = "galleries/b\u0001.jpg";
		String loneSurrogate = "galleries/c\ud800.jpg";
		List<String> whitespace = List.of("galleries/d\t.jpg", "galleries/e\n.jpg", "galleries/f\r.jpg");
		this.s3.put(noncharacter, control, "galleries/c?.jpg", "galleries/plain.jpg");
		this.s3.put(whitespace.toArray(String[]::new));

		// when
		DeleteReport report = deleter().delete(List.of(noncharacter, control, loneSurrogate, "galleries/plain.jpg",
				whitespace.get(0), whitespace.get(1), whitespace.get(2)));

		// then: one request, without the three keys, each of which failed with the reason
		assertThat(report.deleted()).containsExactlyInAnyOrder("galleries/plain.jpg", whitespace.get(0),
				whitespace.get(1), whitespace.get(2));
		assertThat(report.failed()).containsOnlyKeys(noncharacter, control, loneSurrogate);
		assertThat(report.failed().get(noncharacter)).isEqualTo(new KeyFailure(DeleteReport.NOT_XML,
				"the key holds U+FFFF at character 12, which XML 1.0 cannot carry: no DeleteObjects request can name it"));
		assertThat(report.failed().get(control).reason()).startsWith("the key holds U+0001 at character 12");
		assertThat(report.failed().get(loneSurrogate).reason()).startsWith("the key holds U+D800 at character 12");
		assertThat(report.requests()).isEqualTo(1);
		assertThat(this.s3.faults().deleteRequests()).singleElement()
			.satisfies(keys -> assertThat(keys).containsExactlyInAnyOrder("galleries/plain.jpg", whitespace.get(0),
					whitespace.get(1), whitespace.get(2)));
		// and the key a lone surrogate would have become is still there
		assertThat(this.s3.keys()).containsExactlyInAnyOrder(noncharacter, control, "galleries/c?.jpg");
	}

	@Test
	void aRequestOfOnlySuchKeysIsNeverSent() {
		DeleteReport report = deleter().delete(List.of("galleries/a\ufffe.jpg"));

		assertThat(report.deleted()).isEmpty();
		assertThat(report.failed()).containsOnlyKeys("galleries/a\ufffe.jpg");
		assertThat(report.requests()).isZero();
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
	}

}
