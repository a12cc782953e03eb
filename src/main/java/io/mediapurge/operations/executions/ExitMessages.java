package io.mediapurge.operations.executions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Exit messages of executions and steps, for a person.
 */
public final class ExitMessages {

	private static final String CAUSED_BY = "Caused by: ";

	private ExitMessages() {
	}

	/**
	 * Why an execution or its steps failed, one entry each: the execution's exit
	 * description when it failed or stopped, then each failed step it does not name.
	 */
	static List<String> failures(ExecutionSummary execution, List<ExecutionDetail.Step> steps) {
		List<String> failures = new ArrayList<>();
		String description = execution.exitDescription();
		if (Set.of("FAILED", "STOPPED").contains(execution.status()) && !description.isEmpty()) {
			failures.add(description);
		}
		for (ExecutionDetail.Step step : steps) {
			// the run's exit description names each failed step with its cause
			if (step.status().equals("FAILED") && !description.contains(step.name())) {
				String message = withoutBatchWrappers(step.exitDescription());
				failures.add(step.name() + ": " + (message.isEmpty() ? "failed" : message));
			}
		}
		return failures;
	}

	/**
	 * The cause of a failure on one line: the first exception of the chain that is not
	 * one of Spring Batch's wrappers.
	 * @param exitDescription an exit description without stack traces
	 * @return that exception and its message, or the first line when every exception is a
	 * wrapper
	 */
	public static String cause(String exitDescription) {
		String cause = withoutBatchWrappers(exitDescription).lines().findFirst().orElse("");
		if (cause.isEmpty()) {
			return exitDescription.lines().findFirst().orElse("");
		}
		return cause.startsWith(CAUSED_BY) ? cause.substring(CAUSED_BY.length()) : cause;
	}

	/**
	 * An exit message for a person: Spring Batch appends stack traces to exit
	 * descriptions; their frames are left out, the messages and causes kept.
	 */
	static String readable(@Nullable String exitMessage) {
		if (exitMessage == null) {
			return "";
		}
		List<String> lines = new ArrayList<>();
		for (String line : exitMessage.split("\\R")) {
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("at ")
					|| stripped.matches("\\.\\.\\. \\d+ (more|common frames omitted)")) {
				continue;
			}
			lines.add(stripped);
			if (lines.size() == 20) {
				break;
			}
		}
		return String.join("\n", lines);
	}

	/**
	 * A step's exit message without the exceptions Spring Batch wraps the cause in (often
	 * all that fits in the column, the cause being cut off with the stack trace).
	 */
	static String withoutBatchWrappers(String message) {
		return String.join("\n", message.lines().filter((line) -> {
			String exception = line.startsWith(CAUSED_BY) ? line.substring(CAUSED_BY.length()) : line;
			return !exception.startsWith("org.springframework.batch.")
					&& !exception.startsWith("org.springframework.core.retry.");
		}).toList());
	}

}
