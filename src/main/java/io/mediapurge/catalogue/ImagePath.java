package io.mediapurge.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One image path of a content-type spec, such as {@code images[].url}, {@code image} or
 * {@code image_gallery[]}: dot-separated field names, where {@code []} after a name says
 * the field holds an array whose elements continue the path.
 *
 * @param expression the path as written in the spec
 * @param segments its parsed segments
 */
public record ImagePath(String expression, List<Segment> segments) {

	private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

	/**
	 * One field of a path.
	 *
	 * @param field the field name
	 * @param array whether the field holds an array
	 */
	public record Segment(String field, boolean array) {
	}

	public ImagePath {
		segments = List.copyOf(segments);
	}

	/**
	 * Parses a path expression.
	 * @param expression for example {@code images[].url}
	 * @return the path
	 * @throws IllegalArgumentException with a message naming what is wrong
	 */
	public static ImagePath parse(String expression) {
		if (expression == null || expression.isBlank()) {
			throw new IllegalArgumentException("an image path must not be blank");
		}
		List<Segment> segments = new ArrayList<>();
		for (String part : expression.split("\\.", -1)) {
			boolean array = part.endsWith("[]");
			String field = array ? part.substring(0, part.length() - 2) : part;
			if (!FIELD.matcher(field).matches()) {
				throw new IllegalArgumentException("'" + expression + "' is not a valid image path: '" + part
						+ "' must be a field name (letters, digits, '_' or '-'), optionally followed by '[]'");
			}
			segments.add(new Segment(field, array));
		}
		return new ImagePath(expression, segments);
	}

	/**
	 * The dotted path MongoDB uses to query this field, which descends into arrays
	 * implicitly.
	 * @return for example {@code images.url}
	 */
	public String mongoPath() {
		return String.join(".", this.segments.stream().map(Segment::field).toList());
	}

	/**
	 * The document's top-level field that holds this path, for projections.
	 * @return for example {@code images}
	 */
	public String topLevelField() {
		return this.segments.get(0).field();
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
