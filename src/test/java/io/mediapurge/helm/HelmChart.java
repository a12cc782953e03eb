package io.mediapurge.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart under {@code helm/media-purge}, linted and rendered in-process by Helm's own
 * engine (helm-java), the way {@code helm lint} and {@code helm template} would.
 */
final class HelmChart {

	/** The chart, relative to the project (the tests' working directory). */
	static final Path CHART = Paths.get("helm", "media-purge");

	/** The value sets of the chart's {@code ci/} folder. */
	static final Path CI = CHART.resolve("ci");

	/** Only what a release must set: the bucket and the Secrets. */
	static final Path MINIMAL_VALUES = CI.resolve("minimal-values.yaml");

	static final String RELEASE = "nightly";

	static final String NAMESPACE = "batch";

	private HelmChart() {
	}

	/**
	 * Renders the chart with the minimal values and then the given YAML value sets, later
	 * ones winning, as {@code helm template -f minimal-values.yaml -f ...} does.
	 * @param valueSets YAML documents of values
	 * @return the rendered objects
	 * @throws IllegalStateException with Helm's message when the values are refused
	 */
	static RenderedChart renderMinimalWith(String... valueSets) {
		List<Path> files = new ArrayList<>();
		files.add(MINIMAL_VALUES);
		try {
			for (String valueSet : valueSets) {
				Path file = Files.createTempFile("media-purge-values", ".yaml");
				file.toFile().deleteOnExit();
				Files.writeString(file, valueSet);
				files.add(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return render(files);
	}

	/**
	 * Renders the chart with exactly these values files (none: the chart's defaults).
	 * @param valuesFiles values files, later ones winning
	 * @return the rendered objects
	 */
	static RenderedChart render(List<Path> valuesFiles) {
		TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
		for (Path file : valuesFiles) {
			template = template.withValuesFile(file);
		}
		return RenderedChart.parse(template.call());
	}

	/**
	 * What {@code helm install --dry-run=client} prints, NOTES.txt included (which
	 * {@code helm template} does not render).
	 * @param valuesFile the values
	 * @return the output of the install
	 */
	static String installOutput(Path valuesFile) {
		return new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.clientOnly()
			.withDryRunOption(DryRun.CLIENT)
			.withValuesFile(valuesFile)
			.call()
			.getOutput();
	}

	/**
	 * Lints the chart as it is: only its own values.yaml.
	 * @return Helm's verdict
	 */
	static LintResult lint() {
		return new Helm(CHART).lint().strict().call();
	}

	/**
	 * Lints a copy of the chart whose values.yaml is the chart's merged with the given
	 * values file ({@code helm lint} of helm-java takes no values files).
	 * @param valuesFile the values to merge
	 * @param workDir where to put the copy
	 * @return Helm's verdict
	 * @throws IOException when the copy fails
	 */
	static LintResult lintWith(Path valuesFile, Path workDir) throws IOException {
		Path copy = workDir.resolve("media-purge");
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path target = copy.resolve(CHART.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		Map<String, Object> values = loadMap(CHART.resolve("values.yaml"));
		deepMerge(values, loadMap(valuesFile));
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(values));
		return new Helm(copy).lint().strict().call();
	}

	/**
	 * @param file a YAML file holding a map
	 * @return that map
	 */
	static Map<String, Object> loadMap(Path file) {
		try {
			Map<String, Object> map = new Yaml().load(Files.readString(file));
			return (map != null) ? map : new LinkedHashMap<>();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
		source.forEach((key, value) -> {
			if (value instanceof Map && target.get(key) instanceof Map) {
				deepMerge((Map<String, Object>) target.get(key), (Map<String, Object>) value);
			}
			else {
				target.put(key, value);
			}
		});
	}

}
