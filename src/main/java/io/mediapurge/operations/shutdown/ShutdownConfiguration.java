package io.mediapurge.operations.shutdown;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * The graceful stop on SIGTERM.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownConfiguration {

	@Bean
	GracefulShutdown gracefulShutdown(PurgeLauncher launcher, ObjectProvider<OneShotRun> oneShot,
			ShutdownProperties properties) {
		return new GracefulShutdown(launcher, oneShot.getIfAvailable(), properties.gracePeriod());
	}

}
