package io.mediapurge.imagestore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client, the URL resolver and the deleter. Credentials come from the AWS SDK's
 * default provider chain (environment variables, system properties, profiles, web
 * identity / IRSA, container and instance roles).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
public class ImageStoreConfiguration {

	@Bean
	ImageUrlResolver imageUrlResolver(S3Properties properties) {
		return new ImageUrlResolver(properties);
	}

	@Bean(destroyMethod = "close")
	S3Client s3Client(S3Properties properties) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(properties.region()))
			.credentialsProvider(DefaultCredentialsProvider.builder().build())
			.forcePathStyle(properties.pathStyle())
			.httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(properties.delete().connectionTimeout()))
			// retries are decided per key by S3ImageDeleter; the SDK's own would multiply
			// them
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallAttemptTimeout(properties.delete().attemptTimeout()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		if (properties.legacyMd5()) {
			builder.addPlugin(LegacyMd5Plugin.create());
		}
		return builder.build();
	}

	@Bean
	S3ImageDeleter s3ImageDeleter(S3Client s3Client, S3Properties properties, ObjectProvider<MeterRegistry> meters) {
		return new S3ImageDeleter(s3Client, properties, meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	BucketDeleteCheck bucketDeleteCheck(S3ImageDeleter s3ImageDeleter, S3Properties properties) {
		return new BucketDeleteCheck(s3ImageDeleter, properties);
	}

}
