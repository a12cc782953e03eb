package io.mediapurge.operations.housekeeping;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Metadata housekeeping: available in every mode, and run on
 * {@code media-purge.metadata.prune-cron} (daily at 03:30 by default) by the long-running
 * mode.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetadataProperties.class)
public class HousekeepingConfiguration {

	@Bean
	MetadataHousekeeping metadataHousekeeping(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			MetadataProperties properties, Clock clock) {
		return new MetadataHousekeeping(jdbcTemplate, transactionManager, properties, clock);
	}

	/**
	 * The daily pruning of the long-running mode.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@EnableScheduling
	static class ScheduledPruning implements SchedulingConfigurer {

		private static final Logger logger = LoggerFactory.getLogger(ScheduledPruning.class);

		private final MetadataHousekeeping housekeeping;

		private final MetadataProperties properties;

		ScheduledPruning(MetadataHousekeeping housekeeping, MetadataProperties properties) {
			this.housekeeping = housekeeping;
			this.properties = properties;
		}

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.addCronTask(
					new CronTask(this::prune, new CronTrigger(this.properties.pruneCron(), this.properties.zone())));
			logger.info("Job metadata older than {} is pruned on '{}' ({})", this.properties.retention(),
					this.properties.pruneCron(), this.properties.zone());
		}

		private void prune() {
			try {
				this.housekeeping.prune();
			}
			catch (RuntimeException ex) {
				// tried again at the next occurrence
				logger.error("Pruning the job metadata failed", ex);
			}
		}

	}

}
