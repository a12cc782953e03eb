package io.mediapurge.operations.executions;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model over the job repository, in every mode: the HTTP API of the long-running
 * mode and the one-shot command line both read executions through it.
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionsConfiguration {

	@Bean
	ExecutionQueries executionQueries(JdbcTemplate jdbcTemplate, Clock clock, JobRepository jobRepository) {
		return new ExecutionQueries(jdbcTemplate, clock, jobRepository);
	}

}
