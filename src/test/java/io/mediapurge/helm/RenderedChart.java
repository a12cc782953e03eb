package io.mediapurge.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;

/**
 * The objects of a rendered chart, parsed with SnakeYAML, with a small path syntax to
 * read them: {@code spec.jobTemplate.spec.template.spec.containers[0].env}.
 */
final class RenderedChart {

	private final List<Map<String, Object>> objects;

	private RenderedChart(List<Map<String, Object>> objects) {
		this.objects = objects;
	}

	@SuppressWarnings("unchecked")
	static RenderedChart parse(String manifests) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(manifests)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return new RenderedChart(objects);
	}

	List<Map<String, Object>> objects() {
		return this.objects;
	}

	/**
	 * @return "Kind/name" of every object, in rendering order
	 */
	List<String> names() {
		return this.objects.stream()
			.map(o -> o.get("kind") + "/" + at(o, "metadata.name"))
			.collect(Collectors.toList());
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
	}

	boolean has(String kind) {
		return !ofKind(kind).isEmpty();
	}

	/**
	 * @param kind a kind
	 * @return the one object of that kind
	 * @throws AssertionError when there is not exactly one
	 */
	Map<String, Object> one(String kind) {
		List<Map<String, Object>> found = ofKind(kind);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + " among " + names());
		}
		return found.get(0);
	}

	/**
	 * @param kind a kind
	 * @param name the object's name
	 * @return that object
	 */
	Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter(o -> name.equals(at(o, "metadata.name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " among " + names()));
	}

	/**
	 * Reads a path such as {@code spec.containers[0].env} (map keys separated by dots,
	 * list indexes in brackets; a key holding dots is not reachable this way).
	 * @param <T> the expected type
	 * @param node where to start
	 * @param path the path
	 * @return what is there, or {@code null}
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String path) {
		Object current = node;
		for (String segment : path.split("\\.")) {
			String key = segment;
			List<Integer> indexes = new ArrayList<>();
			int bracket = key.indexOf('[');
			if (bracket >= 0) {
				for (String index : key.substring(bracket + 1, key.length() - 1).split("]\\[")) {
					indexes.add(Integer.parseInt(index));
				}
				key = key.substring(0, bracket);
			}
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
			for (int index : indexes) {
				if (!(current instanceof List<?> list) || list.size() <= index) {
					return null;
				}
				current = list.get(index);
			}
		}
		return (T) current;
	}

	/**
	 * {@link #at} for assertions, which need a type to pick an {@code assertThat}.
	 * @param node where to start
	 * @param path the path
	 * @return what is there, or {@code null}
	 */
	static Object value(Object node, String path) {
		return at(node, path);
	}

	/**
	 * @param object a CronJob or a Deployment
	 * @return its pod spec
	 */
	static Map<String, Object> podSpec(Map<String, Object> object) {
		String path = "CronJob".equals(object.get("kind")) ? "spec.jobTemplate.spec.template.spec"
				: "spec.template.spec";
		return Objects.requireNonNull(at(object, path), "no pod spec in " + object.get("kind"));
	}

	/**
	 * @param object a CronJob or a Deployment
	 * @return the media-purge container of its pod spec
	 */
	static Map<String, Object> container(Map<String, Object> object) {
		List<Map<String, Object>> containers = at(podSpec(object), "containers");
		return containers.stream()
			.filter(c -> "media-purge".equals(c.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no media-purge container"));
	}

	/**
	 * @param container a container
	 * @param name an environment variable's name
	 * @return its entry ({@code name}, {@code value} or {@code valueFrom}), or
	 * {@code null}
	 */
	static Map<String, Object> env(Map<String, Object> container, String name) {
		List<Map<String, Object>> env = at(container, "env");
		return (env != null) ? env.stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null) : null;
	}

}
