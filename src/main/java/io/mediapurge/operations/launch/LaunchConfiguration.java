package io.mediapurge.operations.launch;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.imagestore.S3Properties;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.purge.PurgeProperties;
import io.mediapurge.sweep.SweepProperties;
import io.mediapurge.sweep.inventory.InventoryManifestReader;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The launcher that takes the job's lease ({@link ControlConfiguration}) for every run,
 * and the purge job's fence on that lease before each delete ({@link LeaseFence}).
 */
@Configuration(proxyBeanMethods = false)
public class LaunchConfiguration {

	@Bean
	PurgeLauncher purgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job mediaPurgeJob,
			ContentCatalogue catalogue, PurgeProperties properties, Clock clock, JobLease jobLease,
			JdbcTemplate jdbcTemplate) {
		return new PurgeLauncher(jobOperator, jobRepository, mediaPurgeJob, catalogue, properties, clock, jobLease,
				new StopRequests(jdbcTemplate));
	}

	@Bean
	LeaseFence deleteFence(JdbcTemplate jdbcTemplate, JobLease jobLease) {
		return new LeaseFence(jdbcTemplate, jobLease);
	}

	@Bean
	SweepLauncher sweepLauncher(JobOperator jobOperator, JobRepository jobRepository, Job orphanSweepJob,
			SweepPlans sweepPlans, S3Properties s3Properties, SweepProperties sweepProperties, Clock clock,
			JobLease jobLease, PurgeLauncher purgeLauncher, JdbcTemplate jdbcTemplate,
			InventoryManifestReader inventoryManifestReader) {
		// the purge's local runs: a shutdown stops and awaits a sweep as it does a purge
		return new SweepLauncher(jobOperator, jobRepository, orphanSweepJob, sweepPlans, s3Properties.keyPrefixes(),
				sweepProperties.minAge(), clock, jobLease, purgeLauncher.localRuns(), new StopRequests(jdbcTemplate),
				inventoryManifestReader);
	}

}
