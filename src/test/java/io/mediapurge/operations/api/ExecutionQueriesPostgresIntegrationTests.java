package io.mediapurge.operations.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;

/**
 * The read model's queries on the production job repository: the machine's PostgreSQL, in
 * a schema of their own that Flyway creates, dropped afterwards.
 */
@SpringBootTest
class ExecutionQueriesPostgresIntegrationTests extends ExecutionQueriesContract {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "queries_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

}
