package io.mediapurge.sweep.plan;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The sweep plans' store: needs only the job repository, so the command line reads plans
 * without MongoDB or S3.
 */
@Configuration(proxyBeanMethods = false)
public class SweepPlanConfiguration {

	@Bean
	SweepPlans sweepPlans(JdbcTemplate jdbcTemplate) {
		return new SweepPlans(jdbcTemplate);
	}

	@Bean
	SweepPlanRecords sweepPlanRecords(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
		return new SweepPlanRecords(jdbcTemplate, transactionManager);
	}

}
