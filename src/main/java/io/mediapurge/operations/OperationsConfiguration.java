package io.mediapurge.operations;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.purge.PurgeProperties;

/**
 * The launcher, and the one-shot runner that uses it unless
 * {@code media-purge.launch.run-on-startup=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeLaunchProperties.class)
public class OperationsConfiguration {

	@Bean
	PurgeLauncher purgeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job mediaPurgeJob,
			ContentCatalogue catalogue, PurgeProperties properties, Clock clock) {
		return new PurgeLauncher(jobOperator, jobRepository, mediaPurgeJob, catalogue, properties, clock);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "media-purge.launch.run-on-startup", matchIfMissing = true)
	OneShotPurgeRunner oneShotPurgeRunner(PurgeLauncher launcher) {
		return new OneShotPurgeRunner(launcher);
	}

}
