package io.mediapurge.logging;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.mediapurge.support.PurgeIntegrationTestSupport;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMS data cannot forge log lines: a gallery whose id carries a line feed and a fake log
 * prefix goes through a real run (it is skipped, and the skip is logged with its id), and
 * the log has exactly one line for it, with the line feed escaped and no fake event. The
 * application's own logging configuration, not the tests' quieter one.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.config=classpath:logback-spring.xml")
class LogLineForgingIntegrationTests extends PurgeIntegrationTestSupport {

	private static final String FORGED_EVENT = "2026-01-01T02:00:00.000Z ERROR 1 --- [media-purge] [main] "
			+ "io.mediapurge.purge.PurgeItemWriter : FORGED all images deleted";

	private static final Logger logger = LoggerFactory.getLogger(LogLineForgingIntegrationTests.class);

	@Test
	void aHostileDocumentIdThroughARealRunGivesExactlyOneLogLine(CapturedOutput output) {
		// given: a due gallery whose images are not a list (skipped, and the skip logged
		// with its id), its id carrying a CR LF and a whole fake log event
		String hostileId = "g-evil\r\n" + FORGED_EVENT;
		insert("galleries", due(new Document("gallery_id", hostileId).append("images", cdnUrl("galleries/x.jpg"))));

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then
		assertThat(execution.getExitStatus().getExitCode()).isNotEqualTo("FAILED");
		List<String> lines = Arrays.asList(output.getAll().split("\n"));
		assertThat(lines).filteredOn((line) -> line.contains("FORGED"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("g-evil\\r\\n2026-01-01T02:00:00.000Z ERROR"));
		assertThat(lines).noneMatch((line) -> line.startsWith("2026-01-01T02:00:00.000Z"));
	}

	@Test
	void anExceptionMessageCannotForgeALineInsideItsStackTrace(CapturedOutput output) {
		// when
		logger.warn("Could not purge {}", "g-1\n" + FORGED_EVENT,
				new IllegalStateException("outer g-2\n" + FORGED_EVENT, new RuntimeException("cause g-3\r\nFORGED")));

		// then: the message, the exception and its cause, each on its own escaped line;
		// the stack trace keeps its frames
		List<String> lines = Arrays.asList(output.getAll().split("\r?\n"));
		assertThat(lines).filteredOn((line) -> line.contains("FORGED")).hasSize(3);
		assertThat(lines).anyMatch((line) -> line.contains("Could not purge g-1\\n2026-01-01"))
			.anyMatch((line) -> line.startsWith("java.lang.IllegalStateException: outer g-2\\n2026-01-01"))
			.anyMatch((line) -> line.startsWith("Caused by: java.lang.RuntimeException: cause g-3\\r\\nFORGED"))
			.anyMatch((line) -> line.startsWith("\tat io.mediapurge.logging.LogLineForgingIntegrationTests"));
		assertThat(lines).noneMatch((line) -> line.startsWith("2026-01-01T02:00:00.000Z"));
	}

}
