package io.mediapurge.operations.cli;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The one-shot command line, run on start-up unless
 * {@code media-purge.launch.run-on-startup=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeLaunchProperties.class)
public class CommandLineConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "media-purge.launch.run-on-startup", matchIfMissing = true)
	OneShotPurgeRunner oneShotPurgeRunner(PurgeLauncher launcher, ExecutionControl control,
			ExecutionQueries executionQueries, DryRunPlans plans, SweepLauncher sweepLauncher, SweepPlans sweepPlans) {
		return new OneShotPurgeRunner(launcher, control, executionQueries, plans, sweepLauncher, sweepPlans);
	}

}
