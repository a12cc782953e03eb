package io.mediapurge.operations.executions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;

/**
 * The read model's queries on an H2 job repository (the local default), in a database of
 * their own.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:execution-queries;DB_CLOSE_DELAY=-1")
class ExecutionQueriesH2IntegrationTests extends ExecutionQueriesContract {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

}
