package io.mediapurge.operations.health;

import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Health indicators of what the job depends on, where Spring Boot's own would not tell
 * the truth.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

	/**
	 * Named as Spring Boot's MongoDB indicator, which it replaces (the health component
	 * stays {@code mongo}).
	 */
	@Bean
	@ConditionalOnEnabledHealthIndicator("mongodb")
	CmsDatabaseHealthIndicator mongoHealthIndicator(MongoDatabaseFactory databases) {
		return new CmsDatabaseHealthIndicator(databases);
	}

}
