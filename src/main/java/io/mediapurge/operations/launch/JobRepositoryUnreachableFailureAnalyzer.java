package io.mediapurge.operations.launch;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Start-up failed because the job repository did not accept a connection (an SQL state of
 * class 08, "connection exception", anywhere in the failure's causes): Spring Boot then
 * prints this one description, naming the database and the setting, instead of the stack
 * trace. Registered in {@code META-INF/spring.factories}. The process exits 1.
 */
class JobRepositoryUnreachableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	JobRepositoryUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SQLException refused = connectionFailure(failure);
		if (refused == null) {
			return null;
		}
		String url = this.environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
		return new FailureAnalysis(
				"The job repository at " + url + " (spring.datasource.url) is unreachable: "
						+ firstLine(refused.getMessage()),
				"Check spring.datasource.url, spring.datasource.username and the password, and that the database "
						+ "accepts connections from this host. Nothing ran; a retry once the database answers starts "
						+ "afresh.",
				failure);
	}

	private static @Nullable SQLException connectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return sql;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static String firstLine(@Nullable String message) {
		return (message != null) ? message.lines().findFirst().orElse("") : "";
	}

}
