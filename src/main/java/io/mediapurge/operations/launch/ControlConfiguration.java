package io.mediapurge.operations.launch;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.operations.lease.LeaseProperties;
import io.mediapurge.purge.MediaPurgeJobConfiguration;

/**
 * The job's lease and the control of executions: all that needs only the job repository,
 * so the command line's read and control commands start without MongoDB, S3 or the job.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeaseProperties.class)
public class ControlConfiguration {

	@Bean
	JobLease jobLease(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			LeaseProperties properties) {
		return new JobLease(jdbcTemplate, transactionManager, MediaPurgeJobConfiguration.JOB_NAME, properties.ttl());
	}

	@Bean
	ExecutionControl executionControl(JobOperator jobOperator, JobRepository jobRepository, JobLease jobLease,
			JdbcTemplate jdbcTemplate) {
		return new ExecutionControl(jobOperator, jobRepository, jobLease, new StopRequests(jdbcTemplate));
	}

}
