package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The URL settings of the bucket bind with the AWS behaviour as default, and a wrong
 * value stops start-up with a message naming the property.
 */
class S3PropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("media-purge.s3.bucket=media-bucket");

	@Test
	void defaultsToAmazonS3sReadingOfUrls() {
		this.runner.run(context -> {
			S3Properties properties = context.getBean(S3Properties.class);

			assertThat(properties.plusAsSpace()).isTrue();
			assertThat(properties.awsUrlForms()).isNull();
			assertThat(properties.siteRelativePrefixes()).isEmpty();
		});
	}

	@Test
	void bindsTheUrlSettings() {
		this.runner
			.withPropertyValues("media-purge.s3.plus-as-space=false", "media-purge.s3.aws-url-forms=true",
					"media-purge.s3.site-relative-prefixes=/media/,/static/images",
					"media-purge.s3.public-base-urls=https://cdn.example.com/media/,http://static.example.net/")
			.run(context -> {
				S3Properties properties = context.getBean(S3Properties.class);

				assertThat(properties.plusAsSpace()).isFalse();
				assertThat(properties.awsUrlForms()).isTrue();
				assertThat(properties.siteRelativePrefixes()).containsExactly("/media/", "/static/images/");
				assertThat(properties.publicBaseUrls()).containsExactly(URI.create("https://cdn.example.com/media/"),
						URI.create("http://static.example.net/"));
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					public-base-urls          | cdn.example.com/media/              | public-base-urls[0] 'cdn.example.com/media/'
					public-base-urls          | https://cdn.example.com/m/,ftp://x/ | public-base-urls[1] 'ftp://x/'
					public-base-urls          | https://user@cdn.example.com/       | must be an absolute http(s) URL
					public-base-urls          | https://cdn.example.com/?v=1        | without userinfo, query or fragment
					endpoint                  | minio.internal:9000                 | media-purge.s3.endpoint 'minio.internal:9000'
					site-relative-prefixes    | media/                              | site-relative-prefixes[0] 'media/'
					site-relative-prefixes    | //cdn.example.com/media/            | must be a site-relative path such as /media/
					site-relative-prefixes    | /media/?x                           | must be a site-relative path such as /media/
					""")
	void refusesAWrongValueWithAMessageNamingTheProperty(String property, String value, String message) {
		this.runner.withPropertyValues("media-purge.s3." + property + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			// a BindException: the application exits with the configuration error code
			assertThat(causes(context.getStartupFailure())).anyMatch(BindException.class::isInstance);
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(message);
		});
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(S3Properties.class)
	static class PropertiesOnly {

	}

}
