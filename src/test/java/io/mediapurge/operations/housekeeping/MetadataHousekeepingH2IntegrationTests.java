package io.mediapurge.operations.housekeeping;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;

/**
 * Metadata housekeeping on an H2 job repository, in a database of its own.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1")
class MetadataHousekeepingH2IntegrationTests extends MetadataHousekeepingContract {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

}
