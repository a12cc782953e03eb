package io.mediapurge.operations.plan;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Dry-run plans: the recorder the job's dry runs write through, and the reader the API
 * serves them from.
 */
@Configuration(proxyBeanMethods = false)
public class PlanConfiguration {

	@Bean
	JdbcDryRunPlanRecorder dryRunPlanRecorder(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			Clock clock) {
		return new JdbcDryRunPlanRecorder(jdbcTemplate, transactionManager, clock);
	}

	@Bean
	DryRunPlans dryRunPlans(JdbcTemplate jdbcTemplate) {
		return new DryRunPlans(jdbcTemplate);
	}

}
