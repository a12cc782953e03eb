package io.mediapurge.operations.housekeeping;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.PostgresTestSchema;
import io.mediapurge.support.TestServers;

/**
 * Metadata housekeeping on the machine's PostgreSQL, in a schema of its own that Flyway
 * creates, dropped afterwards.
 */
@SpringBootTest
class MetadataHousekeepingPostgresIntegrationTests extends MetadataHousekeepingContract {

	static final PostgresTestSchema SCHEMA = PostgresTestSchema.named("housekeeping");

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
