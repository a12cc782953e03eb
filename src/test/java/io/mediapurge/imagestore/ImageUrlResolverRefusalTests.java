package io.mediapurge.imagestore;

import static io.mediapurge.imagestore.Resolvers.AWS;
import static io.mediapurge.imagestore.Resolvers.AWS_WITH_KEY_PREFIXES;
import static io.mediapurge.imagestore.Resolvers.ENDPOINT;
import static io.mediapurge.imagestore.Resolvers.MINIO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageReference.Suspicious;

/**
 * The delete side refuses every URL that is, or may be, of our bucket but does not name
 * exactly one key: it blocks its document, and is never classed external (which would
 * purge the record and leave the image behind for good).
 */
class ImageUrlResolverRefusalTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void awsRefusesUrlsThatDoNotNameExactlyOneKey(String url) {
		assertRefused(AWS, url);
	}

	static Stream<String> awsRefusesUrlsThatDoNotNameExactlyOneKey() {
		return Stream.of(
				// userinfo on our host
				"https://user@cdn.example.com/media/galleries/cat.jpg",
				"https://user:secret@media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://evil.com@cdn.example.com/media/galleries/cat.jpg",
				"https://@cdn.example.com/media/galleries/cat.jpg", "s3://user@media-bucket/galleries/cat.jpg",
				// a port that is not the scheme's default
				"https://cdn.example.com:8443/media/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com:80/galleries/cat.jpg",
				"http://media-bucket.s3.eu-west-1.amazonaws.com:443/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com:9000/media-bucket/galleries/cat.jpg",
				"https://cdn.example.com:/media/galleries/cat.jpg",
				"https://cdn.example.com:https/media/galleries/cat.jpg", "s3://media-bucket:443/galleries/cat.jpg",
				// query string and fragment: a '?' or '#' the CMS did not encode may be
				// part of the key
				"https://cdn.example.com/media/galleries/cat.jpg?w=200",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
				"https://cdn.example.com/media/galleries/cat.jpg?",
				"https://cdn.example.com/media/galleries/cat.jpg#top",
				"https://cdn.example.com/media/galleries/cat.jpg#", "s3://media-bucket/galleries/cat?.jpg",
				"s3://media-bucket/galleries/cat#1.jpg",
				// dot segments: a browser requests another key than S3 would read
				"https://cdn.example.com/media/galleries/./cat.jpg",
				"https://cdn.example.com/media/galleries/../cat.jpg",
				"https://cdn.example.com/media/../media/galleries/cat.jpg",
				"https://cdn.example.com/media/galleries/..", "https://cdn.example.com/media/galleries/.",
				"https://cdn.example.com/media/.",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/../other-bucket/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/../cat.jpg",
				"s3://media-bucket/galleries/../cat.jpg",
				// ... also where they lead into our bucket from outside it
				"https://cdn.example.com/other/../media/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com/other-bucket/%2e%2e/media-bucket/galleries/cat.jpg",
				// encoded dot segments, and dot segments an encoded slash makes
				"https://cdn.example.com/media/galleries/%2e%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/%2E%2E/cat.jpg",
				"https://cdn.example.com/media/galleries/%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/.%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/%2e./cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries%2F..%2Fcat.jpg",
				"https://cdn.example.com/media/galleries%2F%2Fcat.jpg", "https://cdn.example.com/media/%2Fgalleries",
				// double-encoded slash, backslash or dot segment: a proxy that decodes
				// twice reads another path
				"https://cdn.example.com/media/galleries/%252e%252e/cat.jpg",
				"https://cdn.example.com/media/galleries/%252E%252E/cat.jpg",
				"https://cdn.example.com/media/galleries%252fcat.jpg",
				"https://cdn.example.com/media/galleries%252Fcat.jpg",
				"https://cdn.example.com/media/galleries%255ccat.jpg",
				"https://cdn.example.com/media/galleries/cat%2500.jpg",
				// backslashes, which browsers read as '/'
				"https://cdn.example.com/media/galleries\\cat.jpg", "https://cdn.example.com/media/galleries%5Ccat.jpg",
				"https://cdn.example.com/media/galleries%5ccat.jpg",
				"https://cdn.example.com/media/galleries\\..\\cat.jpg",
				"https:\\\\cdn.example.com\\media\\galleries\\cat.jpg",
				// a scheme without '//', which browsers read as an authority
				"https:cdn.example.com/media/galleries/cat.jpg", "https:/cdn.example.com/media/galleries/cat.jpg",
				"https:///cdn.example.com/media/galleries/cat.jpg",
				// empty segments and trailing slash
				"https://cdn.example.com/media//galleries/cat.jpg", "https://cdn.example.com/media/galleries//cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com//galleries/cat.jpg",
				"s3://media-bucket//galleries/cat.jpg", "https://cdn.example.com/media/galleries/",
				// no key at all
				"https://cdn.example.com/media/", "https://media-bucket.s3.eu-west-1.amazonaws.com/",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/", "https://s3.eu-west-1.amazonaws.com/media-bucket",
				"s3://media-bucket/", "s3://media-bucket",
				// bad percent-encoding, or not UTF-8
				"https://cdn.example.com/media/galleries/cat%zz.jpg",
				"https://cdn.example.com/media/galleries/cat.jpg%4", "https://cdn.example.com/media/galleries/cat.jpg%",
				"https://cdn.example.com/media/galleries/%g0cat.jpg",
				"https://cdn.example.com/media/galleries/%C3%28.jpg", "https://cdn.example.com/media/galleries/%FF.jpg",
				"https://cdn.example.com/media/galleries/%C0%AE%C0%AE/cat.jpg",
				// control characters, tabs and newlines (browsers drop the last two)
				"https://cdn.example.com/media/galleries/cat%00.jpg",
				"https://cdn.example.com/media/galleries/cat%0A.jpg",
				"https://cdn.example.com/media/galleries/cat%0d.jpg",
				"https://cdn.example.com/media/galleries/cat%7F.jpg",
				"https://cdn.example.com/media/galleries/cat\n.jpg",
				"https://cdn.example.com/media/galleries/cat\t.jpg",
				// characters XML 1.0 cannot carry: S3 would refuse the whole
				// DeleteObjects
				// request (400 MalformedXML) on every run, not just this key
				"https://cdn.example.com/media/galleries/cat%EF%BF%BE.jpg",
				"https://cdn.example.com/media/galleries/cat%EF%BF%BF.jpg",
				"https://cdn.example.com/media/galleries/cat\uFFFF.jpg", "s3://media-bucket/galleries/cat\uFFFE.jpg",
				"s3://media-bucket/galleries/cat\uD800.jpg",
				// whitespace around the URL
				" https://cdn.example.com/media/galleries/cat.jpg", "https://cdn.example.com/media/galleries/cat.jpg\n",
				// a percent-encoded host, which browsers decode
				"https://cdn%2Eexample.com/media/galleries/cat.jpg",
				// an s3:// URI is read as written by the AWS CLI and decoded by URI
				// parsers
				"s3://media-bucket/galleries/my%20cat.jpg",
				// our bucket's name where it is not configured to live, and access points
				"https://media-bucket.s3.us-east-1.amazonaws.com/galleries/cat.jpg",
				"https://s3.us-east-1.amazonaws.com/media-bucket/galleries/cat.jpg",
				"https://media-bucket.s3-us-west-2.amazonaws.com/galleries/cat.jpg",
				"https://media-bucket.s3-fips.us-east-1.amazonaws.com/galleries/cat.jpg",
				"https://images-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/galleries/cat.jpg",
				// longer than any S3 key
				"https://cdn.example.com/media/" + "k".repeat(1025));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://127.0.0.1:9001/media-bucket/galleries/cat.jpg",
			"http://127.0.0.1/media-bucket/galleries/cat.jpg", "http://127.0.0.1:80/media-bucket/galleries/cat.jpg",
			"http://user@127.0.0.1:9000/media-bucket/galleries/cat.jpg",
			"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg?versionId=1",
			"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg#x",
			"http://127.0.0.1:9000/media-bucket/galleries/../cat.jpg",
			"http://127.0.0.1:9000/media-bucket/galleries/%2e%2e/cat.jpg",
			"http://127.0.0.1:9000/media-bucket/galleries\\cat.jpg",
			"http://127.0.0.1:9000/media-bucket//galleries/cat.jpg", "http://127.0.0.1:9000/media-bucket/",
			"http://127.0.0.1:9000/media-bucket/galleries/%C3%28.jpg",
			"http://127.0.0.1:9000/media-bucket/galleries/cat%00.jpg",
			// the endpoint is not AWS: an AWS URL of a bucket with our name may be a
			// copy elsewhere, or ours before a migration
			"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
			"https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg" })
	void endpointRefusesUrlsThatDoNotNameExactlyOneKey(String url) {
		assertRefused(ENDPOINT, url);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/media/galleries/../cat.jpg", "/media/galleries/cat.jpg?w=1", "/media/",
			"/media//galleries/cat.jpg", "\\media\\galleries\\cat.jpg",
			"https://media-bucket.s3.amazonaws.com/galleries/cat.jpg" })
	void aStoreWithASiteRelativePrefixRefusesOddSitePathsAndAwsUrls(String url) {
		assertRefused(MINIO, url);
	}

	@Test
	void awsUrlsNameTheBucketOfAnotherStoreOnceTheSettingSaysSo() {
		ImageUrlResolver proxied = Resolvers.resolver(java.net.URI.create("https://s3-proxy.internal"), List.of(),
				List.of(), true, true, List.of());
		String url = "https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg";

		assertThat(proxied.resolve(url)).isEqualTo(new OwnObject(url, "galleries/cat.jpg"));
	}

	@Test
	void twoPublicBasesThatReadDifferentKeysFromOneUrlAreAmbiguous() {
		// given a CDN that serves the bucket at its root, and again under /media/
		ImageUrlResolver nested = Resolvers.resolver(null,
				List.of("https://cdn.example.com/", "https://cdn.example.com/media/"), List.of(), true, null,
				List.of());

		// when
		ImageReference reference = nested.resolve("https://cdn.example.com/media/cat.jpg");

		// then: media/cat.jpg or cat.jpg
		assertThat(reference).isInstanceOfSatisfying(Suspicious.class,
				suspicious -> assertThat(suspicious.reason()).contains("ambiguous"));
		assertThat(nested.resolve("https://cdn.example.com/other/cat.jpg")).isInstanceOf(OwnObject.class);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			https://cdn.example.com/media/galleries/cat.jpg                          | galleries/cat.jpg
			https://cdn.example.com/media/articles/2024/lead.jpg                     | articles/2024/lead.jpg
			https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg        | galleries/cat.jpg
			s3://media-bucket/articles/lead.jpg                                      | articles/lead.jpg
			""")
	void keysUnderTheConfiguredPrefixesResolve(String url, String expectedKey) {
		assertThat(AWS_WITH_KEY_PREFIXES.resolve(url)).isEqualTo(new OwnObject(url, expectedKey));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://cdn.example.com/media/other/cat.jpg", "https://cdn.example.com/media/cat.jpg",
			"https://cdn.example.com/media/galleries", "https://cdn.example.com/media/galleriesX/cat.jpg",
			"https://cdn.example.com/media/Galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.com/users/avatar.jpg", "s3://media-bucket/backups/db.tar" })
	void keysOutsideTheConfiguredPrefixesAreRefused(String url) {
		assertRefused(AWS_WITH_KEY_PREFIXES, url);
	}

	@Test
	void urlsOfOtherHostsStayExternalWhenKeyPrefixesAreConfigured() {
		String url = "https://images.example.org/other/cat.jpg";

		assertThat(AWS_WITH_KEY_PREFIXES.resolve(url)).isEqualTo(new External(url));
	}

	private static void assertRefused(ImageUrlResolver resolver, String url) {
		assertThat(resolver.resolve(url)).isInstanceOfSatisfying(Suspicious.class, suspicious -> {
			assertThat(suspicious.url()).isEqualTo(url);
			assertThat(suspicious.reason()).isNotBlank();
		});
	}

}
