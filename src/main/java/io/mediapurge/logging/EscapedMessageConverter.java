package io.mediapurge.logging;

import java.util.Set;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}, {@code %msg} and {@code %message}: the formatted message with its control
 * characters escaped ({@link ControlCharacters}), so an argument can never end the line.
 */
public class EscapedMessageConverter extends MessageConverter {

	/**
	 * Spring Boot's own reports, written on several lines on purpose and built from the
	 * application's configuration, never from a document or a request: the failure
	 * analysis printed when start-up fails ("APPLICATION FAILED TO START") and the
	 * condition evaluation report.
	 */
	private static final Set<String> MULTI_LINE_REPORTS = Set.of(
			"org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
			"org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger");

	@Override
	public String convert(ILoggingEvent event) {
		String message = super.convert(event);
		if (message == null || MULTI_LINE_REPORTS.contains(event.getLoggerName())) {
			return message;
		}
		return ControlCharacters.escape(message);
	}

}
