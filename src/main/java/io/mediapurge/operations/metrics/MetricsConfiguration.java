package io.mediapurge.operations.metrics;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.imagestore.S3Properties;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The purge job's domain metrics (see {@link PurgeMetrics}, {@link RunOutcomeMetrics} and
 * {@link GuardTripMetrics}) and the orphan sweep's ({@link SweepMetrics}), in every mode:
 * scraped from the management port in the long-running mode, pushed to a Pushgateway by a
 * one-shot run when configured.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean
	PurgeMetrics purgeMetrics(MeterRegistry meterRegistry, ContentCatalogue catalogue) {
		return new PurgeMetrics(meterRegistry, catalogue);
	}

	@Bean
	RunOutcomeMetrics runOutcomeMetrics(MeterRegistry meterRegistry, JdbcTemplate jdbcTemplate, Clock clock) {
		return new RunOutcomeMetrics(meterRegistry, jdbcTemplate, clock);
	}

	@Bean
	SweepMetrics sweepMetrics(MeterRegistry meterRegistry, SweepPlans sweepPlans, S3Properties s3Properties,
			ContentCatalogue catalogue) {
		return new SweepMetrics(meterRegistry, sweepPlans, s3Properties.keyPrefixes(), catalogue.names());
	}

	@Bean
	GuardTripMetrics guardTripMetrics(MeterRegistry meterRegistry) {
		return new GuardTripMetrics(meterRegistry);
	}

	@Bean
	S3Pressure s3Pressure(MeterRegistry meterRegistry, S3ImageDeleter deleter) {
		return new S3Pressure(meterRegistry, deleter);
	}

}
