package io.mediapurge.operations.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Columns of plain text for a terminal, and the times and durations in them.
 */
final class TextTable {

	/** In the time zone of the JVM, named, like the times Spring Batch records. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
		.withZone(ZoneId.systemDefault());

	private TextTable() {
	}

	/**
	 * @param rows the header, then the rows, all of the same length
	 * @return the rows in aligned columns, one line each
	 */
	static String of(List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		rows.forEach((row) -> {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		});
		StringBuilder text = new StringBuilder();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append((i < row.length - 1) ? String.format("%-" + (widths[i] + 2) + "s", row[i]) : row[i]);
			}
			text.append(line.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

	static String indent(String text) {
		return text.lines().map((line) -> "  " + line + "\n").reduce("", String::concat);
	}

	static String time(@Nullable Instant time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	static String duration(@Nullable Instant start, @Nullable Instant end) {
		if (start == null) {
			return "-";
		}
		Duration duration = Duration.between(start, (end != null) ? end : Instant.now());
		long seconds = Math.max(0, duration.toSeconds());
		String text = (seconds >= 3600) ? (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m"
				: (seconds >= 60) ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
		return (end != null) ? text : text + " (so far)";
	}

}
