package io.mediapurge.operations.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, for assertions.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * A sample.
	 *
	 * @param name its metric name as exported ({@code _total}, {@code _count}, ...
	 * included)
	 * @param labels its labels
	 * @param value its value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

	private final List<Sample> samples = new ArrayList<>();

	public PrometheusScrape(String text) {
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line.strip());
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a sample line: " + line);
			}
			Map<String, String> labels = new TreeMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
		}
	}

	/** The names of all exported samples. */
	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach(sample -> names.add(sample.name()));
		return names;
	}

	/**
	 * @param name a sample name
	 * @param labels label names and values, alternating, that the samples must carry
	 * @return the sum of the matching samples (0 when none)
	 */
	public double sum(String name, String... labels) {
		return matching(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	public List<Sample> matching(String name, String... labels) {
		return this.samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

}
