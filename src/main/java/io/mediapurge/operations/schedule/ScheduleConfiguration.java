package io.mediapurge.operations.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * With {@code media-purge.schedule.enabled=true}, launches the job on
 * {@code media-purge.schedule.cron} in {@code media-purge.schedule.zone}. The cron task
 * runs on Spring Boot's auto-configured task scheduler (created because of
 * {@link EnableScheduling}) and is cancelled when the application stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
public class ScheduleConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("media-purge.schedule.enabled")
	@EnableScheduling
	static class Enabled implements SchedulingConfigurer {

		private static final Logger logger = LoggerFactory.getLogger(ScheduleConfiguration.class);

		private final PurgeLauncher launcher;

		private final ScheduleProperties properties;

		Enabled(PurgeLauncher launcher, ScheduleProperties properties) {
			this.launcher = launcher;
			this.properties = properties;
		}

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			CronTrigger trigger = new CronTrigger(this.properties.cron(), this.properties.zone());
			registrar.addCronTask(new CronTask(new ScheduledPurgeLaunch(this.launcher, this.properties), trigger));
			logger.info("mediaPurgeJob runs on the schedule '{}' ({})", this.properties.cron(), this.properties.zone());
		}

	}

}
