package io.mediapurge.helm;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mediapurge.helm.RenderedChart.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * values.schema.json refuses a bad value before anything is rendered, naming the value.
 */
class HelmChartSchemaTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void badValuesAreRefusedNamingTheValue(String what, String values, String message) {
		assertThatIllegalStateException().isThrownBy(() -> HelmChart.renderMinimalWith(values))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(message);
	}

	static Stream<Arguments> badValuesAreRefusedNamingTheValue() {
		return Stream.of(
				arguments("a number as text", "config: {chunkSize: lots}",
						"config.chunkSize: Invalid type. Expected: integer, given: string"),
				arguments("a flag as text", "cronjob: {enabled: \"yes\"}",
						"cronjob.enabled: Invalid type. Expected: boolean"),
				arguments("a list as text", "s3: {keyPrefixes: galleries/}",
						"s3.keyPrefixes: Invalid type. Expected: array"),
				arguments("a chunk too large", "config: {chunkSize: 5000}", "config.chunkSize: Must be less than"),
				arguments("too many parallel steps", "config: {parallelSteps: 32}",
						"config.parallelSteps: Must be less than"),
				arguments("an exit code as text", "cronjob: {podFailurePolicy: {failJobOnExitCodes: [two]}}",
						"cronjob.podFailurePolicy.failJobOnExitCodes.0: Invalid type"),
				arguments("a misspelt value", "cronJob: {schedule: \"0 3 * * *\"}",
						"Additional property cronJob is not allowed"),
				arguments("a Spring cron (six fields)", "cronjob: {schedule: \"0 0 2 * * *\"}",
						"cronjob.schedule: Does not match pattern"),
				arguments("a cron of four fields", "cronjob: {schedule: \"0 2 * *\"}",
						"cronjob.schedule: Does not match pattern"),
				arguments("a cron in words", "cronjob: {schedule: every night at two}",
						"cronjob.schedule: Does not match pattern"),
				arguments("an unknown macro", "cronjob: {schedule: \"@nightly\"}",
						"cronjob.schedule: Does not match pattern"),
				arguments("a time zone with a space", "cronjob: {timeZone: Central European}",
						"cronjob.timeZone: Does not match pattern"),
				arguments("no bucket", "s3: {bucket: \"\"}", "s3.bucket: String length must be greater than"),
				arguments("a bucket name S3 refuses", "s3: {bucket: Media_Bucket}",
						"s3.bucket: Does not match pattern"),
				arguments("no MongoDB Secret", "mongodb: {existingSecret: \"\"}",
						"mongodb.existingSecret: String length must be greater than"),
				arguments("no job-repository Secret", "jobRepository: {existingSecret: \"\"}",
						"jobRepository.existingSecret: String length must be greater than"),
				arguments("no job-repository URL", "jobRepository: {url: \"\"}",
						"jobRepository.url: String length must be greater than"),
				arguments("a job repository that is not PostgreSQL", "jobRepository: {url: \"jdbc:h2:mem:x\"}",
						"jobRepository.url: Does not match pattern"),
				arguments("a password in the job repository's URL",
						"jobRepository: {url: \"jdbc:postgresql://db:5432/purge?user=purge&password=hunter2\"}",
						"jobRepository.url: Must not validate the schema"),
				arguments("an SSL key password in the job repository's URL",
						"jobRepository: {url: \"jdbc:postgresql://db/purge?sslmode=verify-full&sslPassword=hunter2\"}",
						"jobRepository.url: Must not validate the schema"),
				arguments("a console without users", "operations: {enabled: true, auth: {existingSecret: users}}",
						"operations.auth.users: Array must have at least 1 items"),
				arguments("a console without the users' Secret",
						"operations: {enabled: true, auth: {users: [{username: a, role: OPERATOR, passwordKey: a}]}}",
						"operations.auth.existingSecret: String length must be greater than"),
				arguments("an unknown role",
						"operations: {enabled: true, auth: {existingSecret: u, users: [{username: a, role: ADMIN, passwordKey: a}]}}",
						"operations.auth.users.0.role: operations.auth.users.0.role must be one of"),
				arguments("a password in the settings", "config: {extra: {spring: {datasource: {password: hunter2}}}}",
						"config.extra.spring.datasource: Property name of \"password\" does not match"),
				arguments("a connection string in the settings",
						"config: {extra: {spring.mongodb.uri: \"mongodb://u:p@h/cms\"}}",
						"config.extra: Property name of \"spring.mongodb.uri\" does not match"),
				arguments("a spec without image paths",
						"catalogue: {extraSpecs: {page: {name: page, collection: pages}}}",
						"catalogue.extraSpecs.page: image-paths is required"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "@daily", "@hourly", "0 2 * * *", "*/15 1-4 * * MON-FRI", "0 2 1,15 * *",
			"30 3 ? JAN-JUN sun", "5 4 * * 0" })
	void cronSchedulesKubernetesAcceptsAreAccepted(String schedule) {
		// when
		Object rendered = at(
				HelmChart.renderMinimalWith("cronjob: {schedule: \"%s\"}".formatted(schedule)).one("CronJob"),
				"spec.schedule");

		// then
		assertThat(rendered).isEqualTo(schedule);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jobRepository: {ephemeral: true, url: \"\", existingSecret: \"\"}",
			"s3: {existingSecret: minio-keys, endpoint: \"http://minio:9000\", pathStyle: true}",
			"config: {extra: {logging: {level: {io.mediapurge: DEBUG}}, server: {shutdown: graceful}}}" })
	void valuesThatAreFineAreAccepted(String values) {
		assertThat(HelmChart.renderMinimalWith(values).has("CronJob")).isTrue();
	}

}
