package io.mediapurge.imagestore;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bucket configurations the URL tests run against: bucket {@code media-bucket} in
 * eu-west-1 on AWS (with two CDNs), behind a PrivateLink or regional endpoint, and on
 * S3-compatible stores.
 */
final class Resolvers {

	static final String BUCKET = "media-bucket";

	static final String PRIVATE_LINK_HOST = "bucket.vpce-0a1b2c3d4e5f67890-abcdefgh.s3.eu-west-1.vpce.amazonaws.com";

	/** AWS, served by a CDN under /media/ and a second CDN configured as http. */
	static final ImageUrlResolver AWS = resolver(null,
			List.of("https://cdn.example.com/media/", "http://static.example.net/m/"), List.of(), true, null,
			List.of());

	/** AWS as above, but only keys under galleries/ and articles/ may ever be deleted. */
	static final ImageUrlResolver AWS_WITH_KEY_PREFIXES = resolver(null, List.of("https://cdn.example.com/media/"),
			List.of("galleries/", "articles/"), true, null, List.of());

	/** An S3-compatible server on a local IP address. */
	static final ImageUrlResolver ENDPOINT = resolver(URI.create("http://127.0.0.1:9000"), List.of(), List.of(), true,
			null, List.of());

	/**
	 * MinIO, which reads '+' as '+', behind the CDN and the CMS's site, which serves the
	 * bucket under /media/.
	 */
	static final ImageUrlResolver MINIO = resolver(URI.create("http://minio.internal:9000"),
			List.of("https://cdn.example.com/media/"), List.of(), false, null, List.of("/media/"));

	/** AWS through a PrivateLink interface endpoint. */
	static final ImageUrlResolver PRIVATE_LINK = resolver(URI.create("https://" + PRIVATE_LINK_HOST),
			List.of("https://cdn.example.com/media/"), List.of(), true, null, List.of());

	/** AWS through its regional endpoint, set explicitly. */
	static final ImageUrlResolver REGIONAL_ENDPOINT = resolver(URI.create("https://s3.eu-west-1.amazonaws.com"),
			List.of(), List.of(), true, null, List.of());

	private Resolvers() {
	}

	static ImageUrlResolver resolver(@Nullable URI endpoint, List<String> publicBaseUrls, List<String> keyPrefixes,
			boolean plusAsSpace, @Nullable Boolean awsUrlForms, List<String> siteRelativePrefixes) {
		return new ImageUrlResolver(
				properties(endpoint, publicBaseUrls, keyPrefixes, plusAsSpace, awsUrlForms, siteRelativePrefixes));
	}

	static S3Properties properties(@Nullable URI endpoint, List<String> publicBaseUrls, List<String> keyPrefixes,
			boolean plusAsSpace, @Nullable Boolean awsUrlForms, List<String> siteRelativePrefixes) {
		return new S3Properties(
				BUCKET, "eu-west-1", endpoint, endpoint != null, publicBaseUrls.stream().map(URI::create).toList(),
				keyPrefixes, false, new S3Properties.Delete(1000, 5, Duration.ofMillis(200), Duration.ofSeconds(10),
						Duration.ofSeconds(30), Duration.ofSeconds(5), 3000, List.of(), 1),
				plusAsSpace, awsUrlForms, siteRelativePrefixes);
	}

}
