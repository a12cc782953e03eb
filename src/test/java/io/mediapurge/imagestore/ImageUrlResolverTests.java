package io.mediapurge.imagestore;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageReference.Suspicious;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The resolver decides which image URLs may turn into deletes of our bucket, so every
 * test here is about one of two promises: a URL of ours resolves to exactly its key, and
 * nothing else ever does.
 */
class ImageUrlResolverTests {

	private static final S3Properties.Delete DELETE = new S3Properties.Delete(1000, 5, Duration.ofMillis(200),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5), 3000);

	/** AWS: bucket media-bucket in eu-west-1, served by a CDN under /media/. */
	private static final ImageUrlResolver AWS = resolver(null, false,
			List.of(URI.create("https://cdn.example.com/media/")), List.of());

	/** An S3-compatible server on a local IP address, addressed path-style. */
	private static final ImageUrlResolver ENDPOINT = resolver(URI.create("http://127.0.0.1:9000"), true, List.of(),
			List.of());

	/** AWS as above, but only keys under galleries/ and articles/ may ever be deleted. */
	private static final ImageUrlResolver AWS_WITH_KEY_PREFIXES = resolver(null, false,
			List.of(URI.create("https://cdn.example.com/media/")), List.of("galleries/", "articles/"));

	private static final long SEED = 0x5EED_1A6E_5L;

	private static final int GENERATED_KEYS = 2_000;

	private static ImageUrlResolver resolver(@Nullable URI endpoint, boolean pathStyle, List<URI> publicBaseUrls,
			List<String> keyPrefixes) {
		return new ImageUrlResolver(new S3Properties("media-bucket", "eu-west-1", endpoint, pathStyle, publicBaseUrls,
				keyPrefixes, false, DELETE));
	}

	// ---------------------------------------------------------------- own forms

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource
	void awsOwnFormsResolveToExactlyTheirKey(String url, String expectedKey) {
		// given the AWS configuration

		// when
		ImageReference reference = AWS.resolve(url);

		// then
		assertThat(reference).isEqualTo(new OwnObject(url, expectedKey));
	}

	static Stream<Arguments> awsOwnFormsResolveToExactlyTheirKey() {
		return Stream.of(
				// virtual-hosted
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/2024/cat.jpg",
						"galleries/2024/cat.jpg"),
				arguments("https://media-bucket.s3-eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				// a virtual-hosted path is the whole key, even when it starts with the
				// bucket's name
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com/media-bucket/cat.jpg",
						"media-bucket/cat.jpg"),
				// path-style
				arguments("https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://s3-eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://s3.amazonaws.com/media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://s3.dualstack.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
						"galleries/cat.jpg"),
				// http scheme
				arguments("http://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				// s3 URI
				arguments("s3://media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				// CDN: the key is what follows the base URL's path
				arguments("https://cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/cat.jpg", "cat.jpg"),
				// protocol-relative
				arguments("//cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("//media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				// scheme and host are case-insensitive, the key is not
				arguments("HTTPS://Media-Bucket.S3.EU-WEST-1.AmazonAWS.com/Galleries/Cat.JPG", "Galleries/Cat.JPG"),
				arguments("https://CDN.Example.COM/media/Galleries/Cat.JPG", "Galleries/Cat.JPG"),
				// percent-encoding, decoded exactly once
				arguments("https://cdn.example.com/media/galleries/my%20cat.jpg", "galleries/my cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/a%2Bb.jpg", "galleries/a+b.jpg"),
				arguments("https://cdn.example.com/media/galleries/a+b.jpg", "galleries/a+b.jpg"),
				arguments("https://cdn.example.com/media/galleries/caf%C3%A9.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/galleries/caf%c3%a9.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/galleries/café.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/%E6%BC%A2%E5%AD%97/%F0%9F%90%88.jpg", "漢字/🐈.jpg"),
				arguments("https://cdn.example.com/media/漢字/🐈.jpg", "漢字/🐈.jpg"),
				arguments("https://cdn.example.com/media/galleries/100%25off.jpg", "galleries/100%off.jpg"),
				arguments("https://cdn.example.com/media/galleries/a%2541.jpg", "galleries/a%41.jpg"),
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/my%20cat%2B1.jpg",
						"galleries/my cat+1.jpg"),
				// the scheme's default port, written out
				arguments("https://cdn.example.com:443/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com:443/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://media-bucket.s3.eu-west-1.amazonaws.com:80/galleries/cat.jpg", "galleries/cat.jpg"),
				// the longest key S3 allows
				arguments("https://cdn.example.com/media/" + "k".repeat(1024), "k".repeat(1024)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1:9000/media-bucket/galleries/cat.jpg          | galleries/cat.jpg
			http://127.0.0.1:9000/media-bucket/media-bucket/cat.jpg       | media-bucket/cat.jpg
			//127.0.0.1:9000/media-bucket/galleries/cat.jpg               | galleries/cat.jpg
			HTTP://127.0.0.1:9000/media-bucket/Galleries/Cat.JPG          | Galleries/Cat.JPG
			http://127.0.0.1:9000/media-bucket/galleries/caf%C3%A9.jpg    | galleries/café.jpg
			http://127.0.0.1:9000/media-bucket/galleries/a%2Bb.jpg        | galleries/a+b.jpg
			http://127.0.0.1:9000/media-bucket/galleries/a+b.jpg          | galleries/a+b.jpg
			s3://media-bucket/galleries/cat.jpg                           | galleries/cat.jpg
			""")
	void endpointOwnFormsResolveToExactlyTheirKey(String url, String expectedKey) {
		// given the endpoint configuration

		// when
		ImageReference reference = ENDPOINT.resolve(url);

		// then
		assertThat(reference).isEqualTo(new OwnObject(url, expectedKey));
	}

	@Test
	void encodedSpaceResolvesToASpaceInTheKeyOnTheEndpoint() {
		// given
		String url = "http://127.0.0.1:9000/media-bucket/galleries/my%20cat.jpg";

		// when
		ImageReference reference = ENDPOINT.resolve(url);

		// then
		assertThat(reference).isEqualTo(new OwnObject(url, "galleries/my cat.jpg"));
	}

	// ---------------------------------------------------------------- external

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void awsLeavesUrlsOfOtherHostsAndBucketsAlone(String url) {
		// given the AWS configuration

		// when
		ImageReference reference = AWS.resolve(url);

		// then
		assertThat(reference).isEqualTo(new External(url));
	}

	static Stream<String> awsLeavesUrlsOfOtherHostsAndBucketsAlone() {
		return Stream.of(
				// other hosts
				"https://images.example.org/galleries/cat.jpg", "https://example.com/media/galleries/cat.jpg",
				"https://www.example.com/media/galleries/cat.jpg",
				// look-alike hosts
				"https://media-bucket.s3.eu-west-1.amazonaws.com.evil.com/galleries/cat.jpg",
				"https://evilmedia-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://media-bucket.evil.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com.evil.com/media-bucket/galleries/cat.jpg",
				"https://cdn.example.com.evil.net/media/galleries/cat.jpg",
				"https://evilcdn.example.com/media/galleries/cat.jpg", "https://cdn.example.co/media/galleries/cat.jpg",
				// other buckets
				"https://s3.eu-west-1.amazonaws.com/other-bucket/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com/media-bucket-backup/galleries/cat.jpg",
				"https://other-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://other-bucket.s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
				"https://s3.amazonaws.com/other-bucket/galleries/cat.jpg", "s3://other-bucket/galleries/cat.jpg",
				"s3://media-bucket-backup/galleries/cat.jpg",
				// other regions
				"https://media-bucket.s3.us-east-1.amazonaws.com/galleries/cat.jpg",
				"https://s3.us-east-1.amazonaws.com/media-bucket/galleries/cat.jpg",
				"https://media-bucket.s3-us-west-2.amazonaws.com/galleries/cat.jpg",
				// CDN paths outside its prefix
				"https://cdn.example.com/other/galleries/cat.jpg", "https://cdn.example.com/mediax/galleries/cat.jpg",
				"https://cdn.example.com/galleries/cat.jpg", "https://cdn.example.com/Media/galleries/cat.jpg",
				"https://cdn.example.com/media", "https://cdn.example.com",
				// relative URLs
				"/media/galleries/cat.jpg", "media/galleries/cat.jpg", "galleries/cat.jpg",
				"../media/galleries/cat.jpg", "cat.jpg", "",
				// other schemes
				"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
				"ftp://cdn.example.com/media/galleries/cat.jpg", "mailto:photos@cdn.example.com",
				"https:cdn.example.com/media/galleries/cat.jpg",
				// userinfo that hides a foreign host
				"https://cdn.example.com@evil.com/media/galleries/cat.jpg",
				"https://cdn.example.com:443@evil.com/media/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com@evil.com/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com@evil.com/media-bucket/galleries/cat.jpg",
				// our host after a '#' or '?' is not the host
				"https://evil.com#@cdn.example.com/media/galleries/cat.jpg",
				"https://evil.com?@cdn.example.com/media/galleries/cat.jpg",
				// IP hosts are not a bucket on AWS
				"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg",
				"https://52.218.0.1/media-bucket/galleries/cat.jpg", "https://[::1]/media-bucket/galleries/cat.jpg");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void endpointLeavesUrlsOfOtherHostsAndBucketsAlone(String url) {
		// given the endpoint configuration

		// when
		ImageReference reference = ENDPOINT.resolve(url);

		// then
		assertThat(reference).isEqualTo(new External(url));
	}

	static Stream<String> endpointLeavesUrlsOfOtherHostsAndBucketsAlone() {
		return Stream.of("http://127.0.0.2:9000/media-bucket/galleries/cat.jpg",
				"http://localhost:9000/media-bucket/galleries/cat.jpg",
				"http://127.0.0.1:9000/other-bucket/galleries/cat.jpg",
				"http://127.0.0.1:9000/media-bucket-backup/galleries/cat.jpg",
				"http://media-bucket.127.0.0.1:9000/galleries/cat.jpg",
				"http://127.0.0.1:9000@evil.com/media-bucket/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
				"https://cdn.example.com/media/galleries/cat.jpg", "/media-bucket/galleries/cat.jpg",
				"s3://other-bucket/galleries/cat.jpg");
	}

	// ---------------------------------------------------------------- suspicious

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void awsRefusesOddUrlsOnItsOwnHosts(String url) {
		// given the AWS configuration

		// when
		ImageReference reference = AWS.resolve(url);

		// then
		assertThat(reference).isInstanceOfSatisfying(Suspicious.class, (suspicious) -> {
			assertThat(suspicious.url()).isEqualTo(url);
			assertThat(suspicious.reason()).isNotBlank();
		});
	}

	static Stream<String> awsRefusesOddUrlsOnItsOwnHosts() {
		return Stream.of(
				// userinfo on our host
				"https://user@cdn.example.com/media/galleries/cat.jpg",
				"https://user:secret@media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://evil.com@cdn.example.com/media/galleries/cat.jpg",
				"https://@cdn.example.com/media/galleries/cat.jpg",
				// port mismatch
				"https://cdn.example.com:8443/media/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com:80/galleries/cat.jpg",
				"http://media-bucket.s3.eu-west-1.amazonaws.com:443/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com:9000/media-bucket/galleries/cat.jpg",
				"https://cdn.example.com:/media/galleries/cat.jpg",
				"https://cdn.example.com:https/media/galleries/cat.jpg",
				// query string
				"https://cdn.example.com/media/galleries/cat.jpg?w=200",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
				"https://cdn.example.com/media/galleries/cat.jpg?",
				// fragment
				"https://cdn.example.com/media/galleries/cat.jpg#top",
				"https://cdn.example.com/media/galleries/cat.jpg#",
				// dot segments
				"https://cdn.example.com/media/galleries/./cat.jpg",
				"https://cdn.example.com/media/galleries/../cat.jpg",
				"https://cdn.example.com/media/../media/galleries/cat.jpg",
				"https://cdn.example.com/media/galleries/..", "https://cdn.example.com/media/galleries/.",
				"https://cdn.example.com/media/.",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/../other-bucket/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/../cat.jpg",
				// encoded dot segments
				"https://cdn.example.com/media/galleries/%2e%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/%2E%2E/cat.jpg",
				"https://cdn.example.com/media/galleries/%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/%2E/cat.jpg",
				"https://cdn.example.com/media/galleries/.%2e/cat.jpg",
				"https://cdn.example.com/media/galleries/%2e./cat.jpg",
				// double-encoded
				"https://cdn.example.com/media/galleries/%252e%252e/cat.jpg",
				"https://cdn.example.com/media/galleries/%252E%252E/cat.jpg",
				"https://cdn.example.com/media/galleries%252fcat.jpg",
				"https://cdn.example.com/media/galleries%252Fcat.jpg",
				"https://cdn.example.com/media/galleries%255ccat.jpg",
				"https://cdn.example.com/media/galleries/cat%252520.jpg",
				// encoded slash
				"https://cdn.example.com/media/galleries%2Fcat.jpg",
				"https://cdn.example.com/media/galleries%2fcat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries%2F..%2Fcat.jpg",
				// backslash
				"https://cdn.example.com/media/galleries\\cat.jpg", "https://cdn.example.com/media/galleries%5Ccat.jpg",
				"https://cdn.example.com/media/galleries%5ccat.jpg",
				"https://cdn.example.com/media/galleries\\..\\cat.jpg",
				// empty segments and trailing slash
				"https://cdn.example.com/media//galleries/cat.jpg", "https://cdn.example.com/media/galleries//cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com//galleries/cat.jpg",
				"s3://media-bucket//galleries/cat.jpg", "https://cdn.example.com/media/galleries/",
				// no key at all
				"https://cdn.example.com/media/", "https://media-bucket.s3.eu-west-1.amazonaws.com/",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/", "s3://media-bucket/",
				// bad percent-encoding
				"https://cdn.example.com/media/galleries/cat%zz.jpg",
				"https://cdn.example.com/media/galleries/cat.jpg%4", "https://cdn.example.com/media/galleries/cat.jpg%",
				"https://cdn.example.com/media/galleries/%g0cat.jpg",
				// not UTF-8
				"https://cdn.example.com/media/galleries/%C3%28.jpg", "https://cdn.example.com/media/galleries/%FF.jpg",
				"https://cdn.example.com/media/galleries/%C0%AE%C0%AE/cat.jpg",
				// control characters
				"https://cdn.example.com/media/galleries/cat%00.jpg",
				"https://cdn.example.com/media/galleries/cat%0A.jpg",
				"https://cdn.example.com/media/galleries/cat%0d.jpg",
				"https://cdn.example.com/media/galleries/cat%7F.jpg",
				"https://cdn.example.com/media/galleries/cat\n.jpg",
				"https://cdn.example.com/media/galleries/cat\t.jpg",
				// trailing-dot host
				"https://cdn.example.com./media/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com./galleries/cat.jpg",
				// longer than any S3 key
				"https://cdn.example.com/media/" + "k".repeat(1025));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void endpointRefusesOddUrlsOnItsOwnHost(String url) {
		// given the endpoint configuration

		// when
		ImageReference reference = ENDPOINT.resolve(url);

		// then
		assertThat(reference).isInstanceOfSatisfying(Suspicious.class,
				(suspicious) -> assertThat(suspicious.reason()).isNotBlank());
	}

	static Stream<String> endpointRefusesOddUrlsOnItsOwnHost() {
		return Stream.of("http://127.0.0.1:9001/media-bucket/galleries/cat.jpg",
				"http://127.0.0.1/media-bucket/galleries/cat.jpg", "http://127.0.0.1:80/media-bucket/galleries/cat.jpg",
				"http://user@127.0.0.1:9000/media-bucket/galleries/cat.jpg",
				"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg?versionId=1",
				"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg#x",
				"http://127.0.0.1:9000/media-bucket/galleries/../cat.jpg",
				"http://127.0.0.1:9000/media-bucket/galleries/%2e%2e/cat.jpg",
				"http://127.0.0.1:9000/media-bucket/galleries%2Fcat.jpg",
				"http://127.0.0.1:9000/media-bucket/galleries\\cat.jpg",
				"http://127.0.0.1:9000/media-bucket//galleries/cat.jpg", "http://127.0.0.1:9000/media-bucket/",
				"http://127.0.0.1:9000/media-bucket/galleries/%C3%28.jpg",
				"http://127.0.0.1:9000/media-bucket/galleries/cat%00.jpg");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			https://cdn.example.com/media/galleries/cat.jpg                          | galleries/cat.jpg
			https://cdn.example.com/media/articles/2024/lead.jpg                     | articles/2024/lead.jpg
			https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg        | galleries/cat.jpg
			s3://media-bucket/articles/lead.jpg                                      | articles/lead.jpg
			""")
	void keysUnderTheConfiguredPrefixesResolve(String url, String expectedKey) {
		// given the AWS configuration limited to galleries/ and articles/

		// when
		ImageReference reference = AWS_WITH_KEY_PREFIXES.resolve(url);

		// then
		assertThat(reference).isEqualTo(new OwnObject(url, expectedKey));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			https://cdn.example.com/media/other/cat.jpg
			https://cdn.example.com/media/cat.jpg
			https://cdn.example.com/media/galleries
			https://cdn.example.com/media/galleriesX/cat.jpg
			https://cdn.example.com/media/Galleries/cat.jpg
			https://media-bucket.s3.eu-west-1.amazonaws.com/users/avatar.jpg
			s3://media-bucket/backups/db.tar
			""")
	void keysOutsideTheConfiguredPrefixesAreRefused(String url) {
		// given the AWS configuration limited to galleries/ and articles/

		// when
		ImageReference reference = AWS_WITH_KEY_PREFIXES.resolve(url);

		// then
		assertThat(reference).isInstanceOfSatisfying(Suspicious.class,
				(suspicious) -> assertThat(suspicious.reason()).isNotBlank());
	}

	@Test
	void urlsOfOtherHostsStayExternalWhenKeyPrefixesAreConfigured() {
		// given
		String url = "https://images.example.org/other/cat.jpg";

		// when
		ImageReference reference = AWS_WITH_KEY_PREFIXES.resolve(url);

		// then
		assertThat(reference).isEqualTo(new External(url));
	}

	// ---------------------------------------------------------------- round trip

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("generatedKeys")
	void everyUrlFormOfAKeyResolvesBackToThatKey(String key) {
		for (ImageUrlResolver resolver : List.of(AWS, ENDPOINT)) {
			// given
			List<String> forms = resolver.urlForms(key);

			// when / then
			assertThat(forms).isNotEmpty().doesNotHaveDuplicates();
			for (String url : forms) {
				assertThat(resolver.resolve(url)).as(url).isEqualTo(new OwnObject(url, key));
				assertThat(resolver.referencedKey(url)).as(url).contains(key);
			}
		}
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("generatedKeys")
	void theCanonicalUrlOfAKeyResolvesBackToThatKey(String key) {
		// given
		String awsUrl = AWS.urlOf(key);
		String endpointUrl = ENDPOINT.urlOf(key);

		// when
		ImageReference awsReference = AWS.resolve(awsUrl);
		ImageReference endpointReference = ENDPOINT.resolve(endpointUrl);

		// then
		assertThat(awsUrl).startsWith("https://cdn.example.com/media/");
		assertThat(awsReference).isEqualTo(new OwnObject(awsUrl, key));
		assertThat(endpointUrl).startsWith("http://127.0.0.1:9000/media-bucket/");
		assertThat(endpointReference).isEqualTo(new OwnObject(endpointUrl, key));
	}

	@Test
	void awsOffersEveryS3HostFormForBothSchemes() {
		// when
		List<String> forms = AWS.urlForms("galleries/cat.jpg");

		// then
		assertThat(forms).first().isEqualTo("https://cdn.example.com/media/galleries/cat.jpg");
		assertThat(forms).contains("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
				"https://media-bucket.s3-eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://media-bucket.s3.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"https://media-bucket.s3.amazonaws.com/galleries/cat.jpg",
				"http://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
				"s3://media-bucket/galleries/cat.jpg");
	}

	@Test
	void generatedKeysExerciseTheCharactersThatNeedEncoding() {
		// given
		List<String> keys = generatedKeys().toList();

		// then: the round trip above is only worth something if the generator produced
		// these
		assertThat(keys).hasSize(GENERATED_KEYS).doesNotHaveDuplicates();
		for (String tricky : List.of(" ", "+", "%", "&", "=", "~", ".", "é", "ü", "漢", "🐈")) {
			assertThat(keys).as("keys containing '%s'", tricky).anyMatch((key) -> key.contains(tricky));
		}
		assertThat(keys).anyMatch((key) -> key.contains("/"));
	}

	/** Keys built from segments mixing every character class a CMS upload may produce. */
	static Stream<String> generatedKeys() {
		Random random = new Random(SEED);
		int[] alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~ +%&=éüß漢字🐈📷".codePoints()
			.toArray();
		Set<String> keys = new LinkedHashSet<>();
		while (keys.size() < GENERATED_KEYS) {
			int segments = 1 + random.nextInt(5);
			List<String> parts = new ArrayList<>();
			while (parts.size() < segments) {
				StringBuilder segment = new StringBuilder();
				int length = 1 + random.nextInt(12);
				for (int i = 0; i < length; i++) {
					segment.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
				}
				if (isRoundTrippableSegment(segment.toString())) {
					parts.add(segment.toString());
				}
			}
			keys.add(String.join("/", parts));
		}
		return keys.stream();
	}

	private static boolean isRoundTrippableSegment(String segment) {
		String lower = segment.toLowerCase(Locale.ROOT);
		return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
				&& segment.indexOf('\\') < 0 && segment.chars().noneMatch((c) -> c < 0x20 || c == 0x7f)
				&& Stream.of("%2e", "%2f", "%5c", "%25").noneMatch(lower::contains);
	}

	// ---------------------------------------------------------------- referencedKey

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource
	void referencedKeyReadsUrlsTheWayABrowserWould(String url, String expectedKey) {
		// given the AWS configuration limited to galleries/ and articles/

		// when
		Optional<String> key = AWS_WITH_KEY_PREFIXES.referencedKey(url);

		// then
		assertThat(key).as(url).contains(expectedKey);
	}

	static Stream<Arguments> referencedKeyReadsUrlsTheWayABrowserWould() {
		return Stream.of(arguments("https://cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				// query and fragment dropped
				arguments("https://cdn.example.com/media/galleries/cat.jpg?w=200", "galleries/cat.jpg"),
				arguments(
						"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg?versionId=3HL4kqtJlcpXroDTDmJ",
						"galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/cat.jpg#top", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/cat.jpg?w=200#top", "galleries/cat.jpg"),
				// dot segments resolved
				arguments("https://cdn.example.com/media/galleries/./cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/old/../cat.jpg", "galleries/cat.jpg"),
				arguments("https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/old/../cat.jpg",
						"galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/%2e/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/old/%2e%2e/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/old/%2E%2E/cat.jpg", "galleries/cat.jpg"),
				// browsers treat '.%2e' and '%2e.' as '..' too (WHATWG URL, "double-dot
				// path segment")
				arguments("https://cdn.example.com/media/galleries/old/.%2e/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/old/%2e./cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/old/%2E./cat.jpg", "galleries/cat.jpg"),
				// browsers treat a backslash as a slash in http(s) paths
				arguments("https://cdn.example.com/media/galleries\\cat.jpg", "galleries/cat.jpg"),
				// userinfo on our host
				arguments("https://user@cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://user:secret@media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				// a trailing dot on the host, surrounding whitespace
				arguments("https://cdn.example.com./media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("  https://cdn.example.com/media/galleries/cat.jpg\n", "galleries/cat.jpg"),
				// the key prefixes do not apply: a live page may show any key of the
				// bucket
				arguments("https://cdn.example.com/media/users/avatar.jpg", "users/avatar.jpg"),
				arguments("https://cdn.example.com/media/users/avatar.jpg?w=64", "users/avatar.jpg"),
				arguments("s3://media-bucket/backups/cover.jpg", "backups/cover.jpg"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void referencedKeyIgnoresUrlsThatAreNotOurs(String url) {
		// given the AWS configuration

		// when
		Optional<String> key = AWS.referencedKey(url);

		// then
		assertThat(key).as(url).isEmpty();
	}

	static Stream<String> referencedKeyIgnoresUrlsThatAreNotOurs() {
		return Stream.of("https://images.example.org/media/galleries/cat.jpg",
				"https://cdn.example.com.evil.net/media/galleries/cat.jpg",
				"https://cdn.example.com@evil.com/media/galleries/cat.jpg",
				"https://media-bucket.s3.eu-west-1.amazonaws.com.evil.com/galleries/cat.jpg?x=1",
				"https://s3.eu-west-1.amazonaws.com/other-bucket/galleries/cat.jpg",
				"https://other-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg#top",
				"https://media-bucket.s3.us-east-1.amazonaws.com/galleries/cat.jpg",
				// dot segments that lead out of our bucket or CDN prefix, as a browser
				// resolves them
				"https://s3.eu-west-1.amazonaws.com/media-bucket/../other-bucket/galleries/cat.jpg",
				"https://cdn.example.com/media/../other/cat.jpg", "https://cdn.example.com/other/galleries/cat.jpg",
				"/media/galleries/cat.jpg", "galleries/cat.jpg", "data:image/png;base64,iVBORw0KGgo=", "");
	}

	@Test
	void referencedKeyAppliesToTheEndpointConfigurationToo() {
		// given
		String url = "http://127.0.0.1:9000/media-bucket/galleries/old/../cat.jpg?versionId=7";

		// when
		Optional<String> key = ENDPOINT.referencedKey(url);

		// then
		assertThat(key).contains("galleries/cat.jpg");
		assertThat(ENDPOINT.referencedKey("http://127.0.0.1:9000/other-bucket/galleries/cat.jpg")).isEmpty();
	}

}
