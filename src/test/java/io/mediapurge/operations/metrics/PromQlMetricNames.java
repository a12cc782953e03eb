package io.mediapurge.operations.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values} query) reads:
 * every identifier that is not a function, an aggregation, a keyword, a label name of a
 * grouping clause or matcher, a duration, a string or a Grafana variable.
 */
final class PromQlMetricNames {

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[,{)]");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");

	private PromQlMetricNames() {
	}

	static Set<String> in(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher labelValues = LABEL_VALUES.matcher(expression);
		if (labelValues.find()) {
			names.add(labelValues.group(1));
			return names;
		}
		String stripped = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\$\\{[^}]*}|\\$\\w+", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			if (!KEYWORDS.contains(identifier.group(1).toLowerCase())) {
				names.add(identifier.group(1));
			}
		}
		return names;
	}

}
