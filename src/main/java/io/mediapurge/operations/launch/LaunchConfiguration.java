package io.mediapurge.operations.launch;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseProperties;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.PurgeProperties;

/**
 * The job's lease, the launcher that takes it for every run, and the control of
 * executions that are running or have ended.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseProperties.class)
public class LaunchConfiguration {

	@Bean
	JobLease jobLease(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			LeaseProperties properties) {
		return new JobLease(jdbcTemplate, transactionManager, MediaPurgeJobConfiguration.JOB_NAME, properties.ttl());
	}

	@Bean
	PurgeLauncher purgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job mediaPurgeJob,
			ContentCatalogue catalogue, PurgeProperties properties, Clock clock, JobLease jobLease,
			JdbcTemplate jdbcTemplate) {
		return new PurgeLauncher(jobOperator, jobRepository, mediaPurgeJob, catalogue, properties, clock, jobLease,
				new StopRequests(jdbcTemplate));
	}

	@Bean
	ExecutionControl executionControl(JobOperator jobOperator, JobRepository jobRepository, JobLease jobLease,
			JdbcTemplate jdbcTemplate) {
		return new ExecutionControl(jobOperator, jobRepository, jobLease, new StopRequests(jdbcTemplate));
	}

}
