package io.mediapurge.operations.api;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Exit messages of executions and steps, for a person.
 */
final class ExitMessages {

	private ExitMessages() {
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
			String exception = line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line;
			return !exception.startsWith("org.springframework.batch.")
					&& !exception.startsWith("org.springframework.core.retry.");
		}).toList());
	}

}
