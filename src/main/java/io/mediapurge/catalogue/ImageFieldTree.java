package io.mediapurge.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The image paths of a spec merged into a tree, so that {@code image_gallery[]} and
 * {@code image_gallery[].url} together say "each element is a URL string or an object
 * with a {@code url}".
 */
final class ImageFieldTree {

	/**
	 * What a value at one position may be: a URL string, an object with more image
	 * fields, or both.
	 */
	private static final class ValueNode {

		private boolean urlString;

		private final Map<String, FieldNode> fields = new LinkedHashMap<>();

	}

	/** A field of an object: its elements when it is an array, else its value. */
	private record FieldNode(boolean array, ValueNode value) {
	}

	private final ValueNode root = new ValueNode();

	private ImageFieldTree() {
	}

	/**
	 * @throws IllegalArgumentException when two paths disagree on whether a field is an
	 * array
	 */
	static ImageFieldTree of(List<ImagePath> paths) {
		ImageFieldTree tree = new ImageFieldTree();
		for (ImagePath path : paths) {
			ValueNode node = tree.root;
			for (ImagePath.Segment segment : path.segments()) {
				FieldNode field = node.fields.get(segment.field());
				if (field == null) {
					field = new FieldNode(segment.array(), new ValueNode());
					node.fields.put(segment.field(), field);
				}
				else if (field.array() != segment.array()) {
					throw new IllegalArgumentException("'" + path.expression() + "' declares '" + segment.field()
							+ "' as " + (segment.array() ? "an array" : "a single value")
							+ " but another image path declares it as "
							+ (field.array() ? "an array" : "a single value"));
				}
				node = field.value();
			}
			node.urlString = true;
		}
		return tree;
	}

	void collectStrict(Document document, List<String> urls) {
		visitObjectFields(document, this.root, "", urls);
	}

	private void visitObjectFields(Document object, ValueNode node, String location, List<String> urls) {
		node.fields.forEach((name, field) -> visitField(object.get(name), field,
				location.isEmpty() ? name : location + "." + name, urls));
	}

	private void visitField(@Nullable Object value, FieldNode field, String location, List<String> urls) {
		if (value == null) {
			return;
		}
		if (!field.array()) {
			visitValue(value, field.value(), location, urls);
			return;
		}
		if (!(value instanceof List<?> elements)) {
			throw new MalformedDocumentException("not-an-array",
					"'" + location + "' must be an array but is " + describe(value));
		}
		for (int i = 0; i < elements.size(); i++) {
			Object element = elements.get(i);
			if (element != null) {
				visitValue(element, field.value(), location + "[" + i + "]", urls);
			}
		}
	}

	private void visitValue(Object value, ValueNode node, String location, List<String> urls) {
		if (value instanceof String url && node.urlString) {
			if (!url.isBlank()) {
				urls.add(url);
			}
		}
		else if (value instanceof Document object && !node.fields.isEmpty()) {
			visitObjectFields(object, node, location, urls);
		}
		else {
			throw new MalformedDocumentException("wrong-type",
					"'" + location + "' must be " + expected(node) + " but is " + describe(value));
		}
	}

	private static String expected(ValueNode node) {
		String object = "an object with " + String.join("/", node.fields.keySet());
		if (node.urlString && !node.fields.isEmpty()) {
			return "a URL string or " + object;
		}
		return node.urlString ? "a URL string" : object;
	}

	private static String describe(Object value) {
		if (value instanceof Document) {
			return "an object";
		}
		if (value instanceof List<?>) {
			return "an array";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Number) {
			return "a number (" + value + ")";
		}
		if (value instanceof Boolean) {
			return "a boolean (" + value + ")";
		}
		return "a " + value.getClass().getSimpleName();
	}

	static void collectAllStrings(@Nullable Object value, List<String> strings) {
		if (value instanceof String string) {
			strings.add(string);
		}
		else if (value instanceof Document object) {
			object.values().forEach(child -> collectAllStrings(child, strings));
		}
		else if (value instanceof List<?> list) {
			list.forEach(child -> collectAllStrings(child, strings));
		}
	}

}
