package io.mediapurge.operations.executions;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.PostgresTestSchema;
import io.mediapurge.support.TestServers;

/**
 * The read model's queries on the production job repository: the machine's PostgreSQL, in
 * a schema of their own that Flyway creates, dropped afterwards.
 */
@SpringBootTest
class ExecutionQueriesPostgresIntegrationTests extends ExecutionQueriesContract {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("queries");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		SCHEMA.register(registry);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		SCHEMA.drop();
	}

}
