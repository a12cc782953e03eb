package io.mediapurge.logging;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@code logback-spring.xml} loaded by Spring Boot's logging system, as
 * at start-up: plain lines with control characters escaped by default, Boot's JSON lines
 * when {@code logging.structured.format.console} asks for them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogbackConfigurationTests {

	private static final String HOSTILE = "g-1\n2026-01-01T02:00:00.000Z ERROR 1 --- [main] x : FORGED";

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void backToTheTestConfiguration() {
		this.logging.cleanUp();
		this.logging.beforeInitialize();
		this.logging.initialize(new LoggingInitializationContext(new MockEnvironment()), null, null);
	}

	@Test
	void plainLinesHaveTheirControlCharactersEscaped(CapturedOutput output) {
		// given
		initialize(new MockEnvironment());

		// when
		LoggerFactory.getLogger("io.mediapurge.purge.PurgeJournal").warn("SKIPPED gallery document {}", HOSTILE);

		// then
		List<String> lines = lines(output, "FORGED");
		assertThat(lines).singleElement()
			.satisfies((line) -> assertThat(line).contains(" WARN ")
				.contains("SKIPPED gallery document g-1\\n2026-01-01T02:00:00.000Z ERROR"));
	}

	@Test
	void structuredLogsAreOneJsonLinePerEvent(CapturedOutput output) {
		// given
		initialize(new MockEnvironment().withProperty("logging.structured.format.console", "ecs"));

		// when
		LoggerFactory.getLogger("io.mediapurge.purge.PurgeJournal").warn("SKIPPED gallery document {}", HOSTILE);

		// then
		assertThat(lines(output, "FORGED")).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("{")
				.contains("\"level\":\"WARN\"")
				.contains("SKIPPED gallery document g-1\\n2026-01-01T02:00:00.000Z ERROR"));
	}

	private void initialize(MockEnvironment environment) {
		this.logging.cleanUp();
		this.logging.beforeInitialize();
		this.logging.initialize(new LoggingInitializationContext(environment), "classpath:logback-spring.xml", null);
	}

	private static List<String> lines(CapturedOutput output, String containing) {
		return Arrays.stream(output.getAll().split("\r?\n")).filter((line) -> line.contains(containing)).toList();
	}

}
