package io.mediapurge.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The in-process MongoDB and S3 servers shared by every integration test of a JVM,
 * started on first use.
 */
public final class TestServers {

	public static final String BUCKET = "media";

	public static final String CDN = "https://cdn.example.com/media/";

	private static EmbeddedMongo mongo;

	private static EmbeddedS3 s3;

	private TestServers() {
	}

	public static synchronized EmbeddedMongo mongo() {
		if (mongo == null) {
			mongo = new EmbeddedMongo();
		}
		return mongo;
	}

	public static synchronized EmbeddedS3 s3() {
		if (s3 == null) {
			try {
				s3 = new EmbeddedS3(BUCKET);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the in-process S3 server", ex);
			}
			// the job's client reads credentials from the AWS SDK's default chain
			System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
			System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
		}
		return s3;
	}

	/** Points the application at the test servers, with short backoffs. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo().uri("cms"));
		registry.add("media-purge.s3.endpoint", () -> s3().endpoint().toString());
		registry.add("media-purge.s3.bucket", () -> BUCKET);
		registry.add("media-purge.s3.path-style", () -> "true");
		registry.add("media-purge.s3.public-base-urls", () -> CDN);
		registry.add("media-purge.s3.delete.initial-backoff", () -> "5ms");
		registry.add("media-purge.s3.delete.max-backoff", () -> "20ms");
		registry.add("media-purge.launch.run-on-startup", () -> "false");
		// the start-up bucket check sends a DeleteObjects request of its own; the tests
		// that
		// count a run's requests or inject S3 faults into its deletes leave it out, and
		// WrongBucketIntegrationTests turns it on
		registry.add("media-purge.guard.check-bucket", () -> "false");
	}

	/**
	 * @return the URL the job's S3 client sees for a key (path-style on the endpoint)
	 */
	public static String s3Url(String key) {
		return s3().endpoint() + "/" + BUCKET + "/" + key;
	}

	public static String cdnUrl(String key) {
		return CDN + key;
	}

}
