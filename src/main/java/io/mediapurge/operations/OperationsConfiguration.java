package io.mediapurge.operations;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.operations.api.ExecutionQueries;
import io.mediapurge.operations.guard.GuardTripMetrics;
import io.mediapurge.operations.shutdown.GracefulShutdown;
import io.mediapurge.operations.shutdown.ShutdownProperties;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseProperties;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.PurgeProperties;

/**
 * The job's lease, the launcher that takes it for every run, and the one-shot command
 * line that uses the launcher unless {@code media-purge.launch.run-on-startup=false}; the
 * graceful stop on SIGTERM and the blast-radius guard's metric.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PurgeLaunchProperties.class, LeaseProperties.class, ShutdownProperties.class })
public class OperationsConfiguration {

	@Bean
	JobLease jobLease(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			LeaseProperties properties) {
		return new JobLease(jdbcTemplate, transactionManager, MediaPurgeJobConfiguration.JOB_NAME, properties.ttl());
	}

	@Bean
	PurgeLauncher purgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job mediaPurgeJob,
			ContentCatalogue catalogue, PurgeProperties properties, Clock clock, JobLease jobLease) {
		return new PurgeLauncher(jobOperator, jobRepository, mediaPurgeJob, catalogue, properties, clock, jobLease);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "media-purge.launch.run-on-startup", matchIfMissing = true)
	OneShotPurgeRunner oneShotPurgeRunner(PurgeLauncher launcher, ExecutionQueries executionQueries) {
		return new OneShotPurgeRunner(launcher, executionQueries);
	}

	@Bean
	GracefulShutdown gracefulShutdown(PurgeLauncher launcher, ObjectProvider<OneShotPurgeRunner> oneShot,
			ShutdownProperties properties) {
		return new GracefulShutdown(launcher, oneShot.getIfAvailable(), properties.gracePeriod());
	}

	@Bean
	GuardTripMetrics guardTripMetrics(MeterRegistry registry) {
		return new GuardTripMetrics(registry);
	}

}
