package io.mediapurge.imagestore;

import static io.mediapurge.imagestore.Resolvers.AWS;
import static io.mediapurge.imagestore.Resolvers.ENDPOINT;
import static io.mediapurge.imagestore.Resolvers.MINIO;
import static io.mediapurge.imagestore.Resolvers.PRIVATE_LINK;
import static io.mediapurge.imagestore.Resolvers.PRIVATE_LINK_HOST;
import static io.mediapurge.imagestore.Resolvers.REGIONAL_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OtherBucket;
import io.mediapurge.imagestore.ImageReference.OwnObject;

/**
 * The delete side: a URL of ours resolves to exactly the key S3 reads from it, whatever
 * form the CMS wrote it in, and a URL of another host or bucket never resolves to a key.
 * The URLs it refuses are in {@link ImageUrlResolverRefusalTests}.
 */
class ImageUrlResolverTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource
	void awsFormsResolveToTheKeyS3Reads(String url, String expectedKey) {
		// when
		ImageReference reference = AWS.resolve(url);

		// then
		assertThat(reference).isEqualTo(new OwnObject(url, expectedKey));
	}

	static Stream<Arguments> awsFormsResolveToTheKeyS3Reads() {
		return Stream.of(
				// virtual-hosted: regional, legacy dash-region, global, s3-external-1,
				// dual-stack, FIPS, Transfer Acceleration, website
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/2024/cat.jpg",
						"galleries/2024/cat.jpg"),
				arguments("https://media-bucket.s3-eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3-external-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				arguments("https://media-bucket.s3-fips.eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				arguments("https://media-bucket.s3-fips.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				arguments("https://media-bucket.s3-accelerate.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3-accelerate.dualstack.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				arguments("http://media-bucket.s3-website-eu-west-1.amazonaws.com/galleries/cat.jpg",
						"galleries/cat.jpg"),
				arguments("http://media-bucket.s3-website.eu-west-1.amazonaws.com/galleries/cat.jpg",
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
				arguments("https://s3-fips.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
						"galleries/cat.jpg"),
				// either scheme, or none
				arguments("http://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("//media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("s3://media-bucket/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("s3://media-bucket/galleries/my cat+1.jpg", "galleries/my cat+1.jpg"),
				// every CDN with both schemes: the first configured as https, the second
				// as http
				arguments("https://cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://cdn.example.com/media/galleries/g1/shared.jpg", "galleries/g1/shared.jpg"),
				arguments("//cdn.example.com/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://static.example.net/m/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://static.example.net/m/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com/media/cat.jpg", "cat.jpg"),
				// scheme and host are case-insensitive, the key is not; a trailing dot
				// and
				// the scheme's default port name the same host
				arguments("HTTPS://Media-Bucket.S3.EU-WEST-1.AmazonAWS.com/Galleries/Cat.JPG", "Galleries/Cat.JPG"),
				arguments("https://CDN.Example.COM/media/Galleries/Cat.JPG", "Galleries/Cat.JPG"),
				arguments("https://cdn.example.com./media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com./galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("HTTP://CDN.EXAMPLE.COM.:80/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://cdn.example.com:443/media/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://static.example.net:80/m/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com:443/galleries/cat.jpg", "galleries/cat.jpg"),
				arguments("http://media-bucket.s3.eu-west-1.amazonaws.com:80/galleries/cat.jpg", "galleries/cat.jpg"),
				// percent-encoding, decoded exactly once, as S3 does
				arguments("https://cdn.example.com/media/galleries/my%20cat.jpg", "galleries/my cat.jpg"),
				arguments("https://cdn.example.com/media/galleries/a%2Bb.jpg", "galleries/a+b.jpg"),
				arguments("https://cdn.example.com/media/galleries/caf%C3%A9.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/galleries/caf%c3%a9.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/galleries/café.jpg", "galleries/café.jpg"),
				arguments("https://cdn.example.com/media/%E6%BC%A2%E5%AD%97/%F0%9F%90%88.jpg", "漢字/🐈.jpg"),
				arguments("https://cdn.example.com/media/漢字/🐈.jpg", "漢字/🐈.jpg"),
				arguments("https://cdn.example.com/media/galleries/100%25off.jpg", "galleries/100%off.jpg"),
				arguments("https://cdn.example.com/media/galleries/a%2541.jpg", "galleries/a%41.jpg"),
				arguments("https://cdn.example.com/media/galleries/cat%252520.jpg", "galleries/cat%2520.jpg"),
				// S3 reads '+' as a space (the AWS console's "Object URL"), %2F as '/'
				arguments("https://cdn.example.com/media/galleries/My+Photo.jpg", "galleries/My Photo.jpg"),
				arguments("https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/my%20cat%2B1+2.jpg",
						"galleries/my cat+1 2.jpg"),
				arguments("https://cdn.example.com/media/galleries%2Fg4%2Fshared.jpg", "galleries/g4/shared.jpg"),
				arguments("https://s3.eu-west-1.amazonaws.com/media-bucket/galleries%2fcat.jpg", "galleries/cat.jpg"),
				// the longest key S3 allows
				arguments("https://cdn.example.com/media/" + "k".repeat(1024), "k".repeat(1024)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1:9000/media-bucket/galleries/cat.jpg          | galleries/cat.jpg
			https://127.0.0.1:9000/media-bucket/galleries/cat.jpg         | galleries/cat.jpg
			http://127.0.0.1:9000/media-bucket/media-bucket/cat.jpg       | media-bucket/cat.jpg
			//127.0.0.1:9000/media-bucket/galleries/cat.jpg               | galleries/cat.jpg
			HTTP://127.0.0.1:9000/media-bucket/Galleries/Cat.JPG          | Galleries/Cat.JPG
			http://127.0.0.1:9000/media-bucket/galleries/caf%C3%A9.jpg    | galleries/café.jpg
			http://127.0.0.1:9000/media-bucket/galleries/a%2Bb.jpg        | galleries/a+b.jpg
			http://127.0.0.1:9000/media-bucket/galleries/a+b.jpg          | galleries/a b.jpg
			http://127.0.0.1:9000/media-bucket/galleries/my%20cat.jpg     | galleries/my cat.jpg
			http://127.0.0.1:9000/media-bucket/galleries%2Fcat.jpg        | galleries/cat.jpg
			s3://media-bucket/galleries/cat.jpg                           | galleries/cat.jpg
			""")
	void endpointFormsResolveToTheKeyS3Reads(String url, String expectedKey) {
		assertThat(ENDPOINT.resolve(url)).isEqualTo(new OwnObject(url, expectedKey));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			http://minio.internal:9000/media-bucket/galleries/My+Photo.jpg | galleries/My+Photo.jpg
			http://minio.internal:9000/media-bucket/galleries/a%20b.jpg    | galleries/a b.jpg
			http://media-bucket.minio.internal:9000/galleries/cat.jpg      | galleries/cat.jpg
			https://cdn.example.com/media/galleries/My+Photo.jpg           | galleries/My+Photo.jpg
			/media/galleries/cat.jpg                                       | galleries/cat.jpg
			/media/galleries/my%20cat+1.jpg                                | galleries/my cat+1.jpg
			""")
	void aStoreThatReadsPlusAsPlusAndASiteServingTheBucketResolveTheirOwnWay(String url, String expectedKey) {
		assertThat(MINIO.resolve(url)).isEqualTo(new OwnObject(url, expectedKey));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://" + PRIVATE_LINK_HOST + "/media-bucket/galleries/cat.jpg",
			"https://media-bucket." + PRIVATE_LINK_HOST + "/galleries/cat.jpg",
			"https://media-bucket.vpce-0a1b2c3d4e5f67890-abcdefgh.s3.eu-west-1.vpce.amazonaws.com/galleries/cat.jpg",
			"https://media-bucket.s3.amazonaws.com/galleries/cat.jpg",
			"https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
			"https://media-bucket.s3.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg",
			"http://media-bucket.s3-website-eu-west-1.amazonaws.com/galleries/cat.jpg",
			"http://cdn.example.com/media/galleries/cat.jpg" })
	void aPrivateLinkEndpointKeepsEveryStandardAwsForm(String url) {
		assertThat(PRIVATE_LINK.resolve(url)).isEqualTo(new OwnObject(url, "galleries/cat.jpg"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://media-bucket.s3.amazonaws.com/galleries/cat.jpg",
			"https://s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg",
			"https://media-bucket.s3-accelerate.amazonaws.com/galleries/cat.jpg",
			"https://media-bucket.s3-fips.dualstack.eu-west-1.amazonaws.com/galleries/cat.jpg" })
	void aRegionalEndpointKeepsEveryStandardAwsForm(String url) {
		assertThat(REGIONAL_ENDPOINT.resolve(url)).isEqualTo(new OwnObject(url, "galleries/cat.jpg"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "https://images.example.org/galleries/cat.jpg",
			"https://example.com/media/galleries/cat.jpg", "https://www.example.com/media/galleries/cat.jpg",
			// look-alike hosts
			"https://media-bucket.s3.eu-west-1.amazonaws.com.evil.com/galleries/cat.jpg",
			"https://s3.eu-west-1.amazonaws.com.evil.com/media-bucket/galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.co/galleries/cat.jpg",
			"https://cdn.example.com.evil.net/media/galleries/cat.jpg",
			"https://evilcdn.example.com/media/galleries/cat.jpg", "https://cdn.example.co/media/galleries/cat.jpg",
			"https://static.example.net.evil.net/m/galleries/cat.jpg",
			// CDN paths outside its prefix
			"https://cdn.example.com/other/galleries/cat.jpg", "https://cdn.example.com/mediax/galleries/cat.jpg",
			"https://cdn.example.com/galleries/cat.jpg", "https://cdn.example.com/Media/galleries/cat.jpg",
			"https://cdn.example.com/media", "https://cdn.example.com", "http://static.example.net/galleries/cat.jpg",
			// relative URLs, without a site-relative prefix configured
			"/media/galleries/cat.jpg", "media/galleries/cat.jpg", "galleries/cat.jpg", "../media/galleries/cat.jpg",
			"cat.jpg", "",
			// other schemes
			"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
			"ftp://cdn.example.com/media/galleries/cat.jpg", "mailto:photos@cdn.example.com",
			// userinfo that hides a foreign host
			"https://cdn.example.com@evil.com/media/galleries/cat.jpg",
			"https://cdn.example.com:443@evil.com/media/galleries/cat.jpg",
			"https://media-bucket.s3.eu-west-1.amazonaws.com@evil.com/galleries/cat.jpg",
			"https://s3.eu-west-1.amazonaws.com@evil.com/media-bucket/galleries/cat.jpg",
			// our host after a '#' or '?' is not the host
			"https://evil.com#@cdn.example.com/media/galleries/cat.jpg",
			"https://evil.com?@cdn.example.com/media/galleries/cat.jpg",
			// IP hosts are not a bucket on AWS
			"http://127.0.0.1:9000/media-bucket/galleries/cat.jpg", "https://52.218.0.1/media-bucket/galleries/cat.jpg",
			"https://[::1]/media-bucket/galleries/cat.jpg",
			// an S3 host without a bucket or key
			"https://s3.amazonaws.com/", "https://s3.eu-west-1.amazonaws.com" })
	void awsLeavesUrlsOfOtherHostsAlone(String url) {
		assertThat(AWS.resolve(url)).isEqualTo(new External(url));
	}

	@ParameterizedTest(name = "{0} names {1}")
	@CsvSource(delimiter = '|', textBlock = """
			https://evilmedia-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg               | evilmedia-bucket
			https://media-bucket.evil.s3.eu-west-1.amazonaws.com/galleries/cat.jpg              | media-bucket.evil
			https://s3.eu-west-1.amazonaws.com/other-bucket/galleries/cat.jpg                   | other-bucket
			https://s3.eu-west-1.amazonaws.com/media-bucket-backup/galleries/cat.jpg            | media-bucket-backup
			https://other-bucket.s3.eu-west-1.amazonaws.com/galleries/cat.jpg                   | other-bucket
			https://other-bucket.s3.eu-west-1.amazonaws.com/media-bucket/galleries/cat.jpg      | other-bucket
			https://s3.amazonaws.com/other-bucket/galleries/cat.jpg                             | other-bucket
			https://s3.amazonaws.com/Media-Bucket/galleries/cat.jpg                             | Media-Bucket
			http://media.s3.amazonaws.com/galleries/cat.jpg                                     | media
			https://other-bucket.s3-accelerate.amazonaws.com/galleries/cat.jpg                  | other-bucket
			https://other-bucket.vpce-0a1b2c3d.s3.eu-west-1.vpce.amazonaws.com/galleries/cat.jpg | other-bucket
			https://media-bucket.s3.cn-north-1.amazonaws.com.cn/galleries/cat.jpg               | media-bucket
			s3://other-bucket/galleries/cat.jpg                                                 | other-bucket
			s3://media-bucket-backup/galleries/cat.jpg                                          | media-bucket-backup
			""")
	void awsReportsUrlsOfAnotherBucketOnAnS3HostAsOtherBucket(String url, String bucket) {
		assertThat(AWS.resolve(url)).isEqualTo(new OtherBucket(url, bucket));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "http://127.0.0.2:9000/media-bucket/galleries/cat.jpg",
			"http://localhost:9000/media-bucket/galleries/cat.jpg",
			"http://media-bucket.127.0.0.1:9000/galleries/cat.jpg",
			"http://127.0.0.1:9000@evil.com/media-bucket/galleries/cat.jpg",
			"https://cdn.example.com/media/galleries/cat.jpg", "/media-bucket/galleries/cat.jpg" })
	void endpointLeavesUrlsOfOtherHostsAlone(String url) {
		assertThat(ENDPOINT.resolve(url)).isEqualTo(new External(url));
	}

	@ParameterizedTest(name = "{0} names {1}")
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1:9000/other-bucket/galleries/cat.jpg        | other-bucket
			http://127.0.0.1:9000/media-bucket-backup/galleries/cat.jpg | media-bucket-backup
			s3://other-bucket/galleries/cat.jpg                         | other-bucket
			https://other-bucket.s3.eu-west-1.amazonaws.com/cat.jpg     | other-bucket
			http://other-bucket.minio.internal:9000/galleries/cat.jpg   | other-bucket
			http://minio.internal:9000/other-bucket/galleries/cat.jpg   | other-bucket
			""")
	void storesReportUrlsOfAnotherBucketAsOtherBucket(String url, String bucket) {
		ImageUrlResolver resolver = url.contains("minio") ? MINIO : ENDPOINT;

		assertThat(resolver.resolve(url)).isEqualTo(new OtherBucket(url, bucket));
	}

}
