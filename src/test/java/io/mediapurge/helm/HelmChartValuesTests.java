package io.mediapurge.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of values.yaml is documented there (Bitnami's {@code ## @param name
 * description}) and in the chart's README.
 */
class HelmChartValuesTests {

	private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) (.+)$", Pattern.MULTILINE);

	@Test
	void everyValueIsDocumentedAndEveryDocumentedValueExists() throws IOException {
		// given
		Set<String> documented = documentedValues();
		Map<String, Object> values = HelmChart.loadMap(HelmChart.CHART.resolve("values.yaml"));

		// when
		List<String> leaves = new ArrayList<>();
		collectLeaves("", values, leaves);

		// then: a value is documented itself or as a whole (resources,
		// securityContext...)
		assertThat(leaves).isNotEmpty()
			.allSatisfy(leaf -> assertThat(documented).as("@param of %s", leaf)
				.anyMatch(param -> leaf.equals(param) || leaf.startsWith(param + ".")));
		assertThat(documented).allSatisfy(param -> assertThat(hasKey(values, param)).as("value %s", param).isTrue());
	}

	@Test
	void theChartsReadmeListsEveryValue() throws IOException {
		// given
		String readme = Files.readString(HelmChart.CHART.resolve("README.md"));

		// then
		assertThat(documentedValues()).allSatisfy(param -> assertThat(readme).contains("| `" + param + "` |"));
	}

	private static Set<String> documentedValues() throws IOException {
		Matcher matcher = PARAM.matcher(Files.readString(HelmChart.CHART.resolve("values.yaml")));
		Set<String> params = new LinkedHashSet<>();
		while (matcher.find()) {
			params.add(matcher.group(1));
		}
		return params;
	}

	@SuppressWarnings("unchecked")
	private static void collectLeaves(String prefix, Map<String, Object> map, List<String> leaves) {
		map.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map && !((Map<String, Object>) value).isEmpty()) {
				collectLeaves(path, (Map<String, Object>) value, leaves);
			}
			else {
				leaves.add(path);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static boolean hasKey(Map<String, Object> values, String path) {
		int dot = path.lastIndexOf('.');
		Object parent = (dot < 0) ? values : RenderedChart.at(values, path.substring(0, dot));
		return parent instanceof Map && ((Map<String, Object>) parent).containsKey(path.substring(dot + 1));
	}

}
