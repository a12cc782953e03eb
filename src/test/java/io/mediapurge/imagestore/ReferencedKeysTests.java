package io.mediapurge.imagestore;

import static io.mediapurge.imagestore.Resolvers.AWS;
import static io.mediapurge.imagestore.Resolvers.AWS_WITH_KEY_PREFIXES;
import static io.mediapurge.imagestore.Resolvers.ENDPOINT;
import static io.mediapurge.imagestore.Resolvers.MINIO;
import static io.mediapurge.imagestore.Resolvers.PRIVATE_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference side: a URL protects every key it may show, however a browser, a proxy or
 * a store reads it, because a key read too generously only keeps an image while a key
 * missed deletes the image of a live page.
 */
class ReferencedKeysTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource
	void aUrlProtectsEveryKeyItMayShow(String url, List<String> expectedKeys) {
		assertThat(AWS_WITH_KEY_PREFIXES.referencedKeys(url)).as(url).containsAll(expectedKeys);
	}

	static Stream<Arguments> aUrlProtectsEveryKeyItMayShow() {
		return Stream.of(arguments("https://cdn.example.com/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				// any scheme, or none, for every base and S3 host
				arguments("http://cdn.example.com/media/galleries/g1/shared.jpg", List.of("galleries/g1/shared.jpg")),
				arguments("//cdn.example.com/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("s3://media-bucket/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("http://media-bucket.s3-website-eu-west-1.amazonaws.com/galleries/cat.jpg",
						List.of("galleries/cat.jpg")),
				arguments("https://media-bucket.s3-accelerate.dualstack.amazonaws.com/galleries/cat.jpg",
						List.of("galleries/cat.jpg")),
				// our bucket in another region, or behind an access point, may be ours
				arguments("https://media-bucket.s3.us-east-1.amazonaws.com/galleries/cat.jpg",
						List.of("galleries/cat.jpg")),
				arguments("https://images-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/galleries/cat.jpg",
						List.of("galleries/cat.jpg")),
				// '+' and space both; %2F and '/' both
				arguments("https://cdn.example.com/media/galleries/My+Photo.jpg",
						List.of("galleries/My Photo.jpg", "galleries/My+Photo.jpg")),
				arguments("https://cdn.example.com/media/galleries%2Fg4%2Fshared.jpg",
						List.of("galleries/g4/shared.jpg", "galleries%2Fg4%2Fshared.jpg")),
				// decoded once, and twice where a CMS double-encoded
				arguments("https://cdn.example.com/media/galleries/my%2520cat.jpg",
						List.of("galleries/my%20cat.jpg", "galleries/my cat.jpg")),
				arguments("https://cdn.example.com/media/galleries%252Fcat.jpg",
						List.of("galleries%2Fcat.jpg", "galleries/cat.jpg")),
				// characters the delete side refuses (XML 1.0 cannot carry them) still
				// protect their keys
				arguments("https://cdn.example.com/media/galleries/cat%EF%BF%BF.jpg",
						List.of("galleries/cat\uFFFF.jpg")),
				arguments("https://cdn.example.com/media/galleries/cat%EF%BF%BE.jpg",
						List.of("galleries/cat\uFFFE.jpg")),
				arguments("https://cdn.example.com/media/galleries/cat\uFFFF.jpg", List.of("galleries/cat\uFFFF.jpg")),
				arguments("s3://media-bucket/galleries/cat\uFFFE.jpg", List.of("galleries/cat\uFFFE.jpg")),
				arguments("s3://media-bucket/galleries/cat\uD800.jpg", List.of("galleries/cat\uD800.jpg")),
				// bad percent-encoding keeps what cannot be decoded
				arguments("https://cdn.example.com/media/galleries/100%.jpg", List.of("galleries/100%.jpg")),
				// query and fragment dropped, and kept where the CMS did not encode them
				arguments("https://cdn.example.com/media/galleries/cat.jpg?w=200", List.of("galleries/cat.jpg")),
				arguments(
						"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg?versionId=3HL4kqtJlcpXroDTDmJ",
						List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/cat.jpg#top", List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/what?.jpg",
						List.of("galleries/what", "galleries/what?.jpg")),
				arguments("https://cdn.example.com/media/galleries/no#1.jpg",
						List.of("galleries/no", "galleries/no#1.jpg")),
				// dot segments resolved as a browser does, and as written
				arguments("https://cdn.example.com/media/galleries/./cat.jpg",
						List.of("galleries/cat.jpg", "galleries/./cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/old/../cat.jpg",
						List.of("galleries/cat.jpg", "galleries/old/../cat.jpg")),
				arguments("https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/old/../cat.jpg",
						List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/old/%2e%2e/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/old/.%2e/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/old/%2E./cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/other/../media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				// slashes merged, as a proxy that merges them reads them
				arguments("https://cdn.example.com/media/galleries//cat.jpg",
						List.of("galleries//cat.jpg", "galleries/cat.jpg")),
				// a backslash is a '/' to a browser
				arguments("https://cdn.example.com/media/galleries\\cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https:\\\\cdn.example.com\\media\\galleries\\cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https:cdn.example.com/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				// userinfo, ports, host case, trailing dot, encoded host, whitespace,
				// tabs
				arguments("https://user@cdn.example.com/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https://user:secret@media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
						List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com:8443/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("HTTPS://CDN.EXAMPLE.COM./media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("https://cdn%2Eexample.com/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				arguments("  https://cdn.example.com/media/galleries/cat.jpg\n", List.of("galleries/cat.jpg")),
				arguments("https://cdn.example.com/media/galleries/c\tat.jpg", List.of("galleries/cat.jpg")),
				// an s3:// URI as written and decoded
				arguments("s3://media-bucket/galleries/my%20cat.jpg",
						List.of("galleries/my%20cat.jpg", "galleries/my cat.jpg")),
				// a site-relative path under a public base URL's path
				arguments("/media/galleries/cat.jpg", List.of("galleries/cat.jpg")),
				// the key prefixes do not apply: a live page may show any key
				arguments("https://cdn.example.com/media/users/avatar.jpg", List.of("users/avatar.jpg")),
				arguments("s3://media-bucket/backups/cover.jpg", List.of("backups/cover.jpg")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://images.example.org/media/galleries/cat.jpg",
			"https://cdn.example.com.evil.net/media/galleries/cat.jpg",
			"https://evilcdn.example.com/media/galleries/cat.jpg",
			"https://cdn.example.com@evil.com/media/galleries/cat.jpg",
			"https://evil.com#@cdn.example.com/media/galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.com.evil.com/galleries/cat.jpg?x=1",
			"https://s3.eu-west-1.amazonaws.com/other-bucket/galleries/cat.jpg",
			"https://other-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg#top",
			"https://media-bucket.s3.cn-north-1.amazonaws.com.cn/galleries/cat.jpg",
			"s3://other-bucket/galleries/cat.jpg", "https://cdn.example.com/other/galleries/cat.jpg",
			"galleries/cat.jpg", "/other/galleries/cat.jpg", "data:image/png;base64,iVBORw0KGgo=",
			"ftp://cdn.example.com/media/galleries/cat.jpg", "", "https://cdn.example.com/media/" })
	void urlsThatCannotNameAnObjectOfOurBucketProtectNothing(String url) {
		assertThat(AWS.referencedKeys(url)).as(url).isEmpty();
	}

	@Test
	void dotSegmentsThatLeadOutOfTheBucketProtectOnlyTheLiteralKey() {
		// as a browser resolves it, the URL names other-bucket; as written, S3 would
		// read the key below
		assertThat(AWS.referencedKeys("https://s3.eu-west-1.amazonaws.com/media-bucket/../other-bucket/cat.jpg"))
			.containsExactly("../other-bucket/cat.jpg");
	}

	@Test
	void everyFormOfEveryStoreIsReadWhateverTheEndpointSays() {
		assertThat(ENDPOINT.referencedKeys("http://127.0.0.1:9000/media-bucket/galleries/old/../cat.jpg?versionId=7"))
			.contains("galleries/cat.jpg");
		assertThat(ENDPOINT.referencedKeys("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg"))
			.containsExactly("galleries/cat.jpg");
		assertThat(ENDPOINT.referencedKeys("https://s3.amazonaws.com/media-bucket/galleries/cat.jpg"))
			.containsExactly("galleries/cat.jpg");
		assertThat(ENDPOINT.referencedKeys("http://127.0.0.1:9000/other-bucket/galleries/cat.jpg")).isEmpty();
		assertThat(PRIVATE_LINK.referencedKeys("https://media-bucket.s3.amazonaws.com/galleries/cat.jpg"))
			.containsExactly("galleries/cat.jpg");
	}

	@Test
	void bothReadingsOfAPlusCountWhateverTheStoreReadsItAs() {
		assertThat(MINIO.referencedKeys("https://cdn.example.com/media/My+Photo.jpg"))
			.containsExactlyInAnyOrder("My+Photo.jpg", "My Photo.jpg");
		assertThat(MINIO.referencedKeys("/media/My+Photo.jpg")).containsExactlyInAnyOrder("My+Photo.jpg",
				"My Photo.jpg");
	}

	@Test
	void aPlainUrlNamesOneKey() {
		assertThat(AWS.referencedKeys("https://cdn.example.com/media/galleries/2024/cat.jpg"))
			.containsExactly("galleries/2024/cat.jpg");
		assertThat(AWS.referencedKeys("https://s3.eu-west-1.amazonaws.com/Media-Bucket/galleries/cat.jpg"))
			.containsExactly("galleries/cat.jpg");
	}

}
