package io.mediapurge.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A content type the job purges: where its documents live, which fields carry the
 * soft-delete contract, and where its image URLs are.
 *
 * @param name the content type's name, used in step names, metrics and reports
 * @param collection the MongoDB collection
 * @param idField the business id reported for a document ({@code _id} is used when it is
 * absent)
 * @param flagField the soft-delete flag, {@code true} when the CMS deleted the document
 * @param deletedAtField the BSON date of the soft delete
 * @param imagePaths where the image URLs are
 * @param source where the spec was read from, for messages
 * @param updatedAtField the BSON date the CMS sets on every write of a document, or
 * {@code null} when it keeps none: the purge then sees the edits made while it runs only
 * by the time in their {@code _id} (inserts)
 */
public record ContentTypeSpec(String name, String collection, String idField, String flagField, String deletedAtField,
		List<ImagePath> imagePaths, String source, @Nullable String updatedAtField) {

	public ContentTypeSpec {
		imagePaths = List.copyOf(imagePaths);
	}

	/**
	 * A content type whose CMS keeps no time of its last write.
	 */
	public ContentTypeSpec(String name, String collection, String idField, String flagField, String deletedAtField,
			List<ImagePath> imagePaths, String source) {
		this(name, collection, idField, flagField, deletedAtField, imagePaths, source, null);
	}

	/**
	 * The image URLs of a document, read strictly: a field of the wrong shape makes the
	 * whole document malformed, because a URL we failed to see could be an image we fail
	 * to delete. Missing, null and blank values mean "no image".
	 * @param document the document
	 * @return its URLs in document order, duplicates kept
	 * @throws MalformedDocumentException when a field has the wrong type
	 */
	public List<String> imageUrls(Document document) {
		List<String> urls = new ArrayList<>();
		ImageFieldTree.of(this.imagePaths).collectStrict(document, urls);
		return urls;
	}

	/**
	 * Every string found under the image fields of a document, whatever their shape. Used
	 * to find documents that still refer to an image: there, reading too much only keeps
	 * an image longer, while reading too little could delete an image under a live page.
	 * @param document the document
	 * @return the strings found
	 */
	public List<String> referencedStrings(Document document) {
		List<String> strings = new ArrayList<>();
		for (String field : topLevelImageFields()) {
			ImageFieldTree.collectAllStrings(document.get(field), strings);
		}
		return strings;
	}

	/**
	 * @return the distinct top-level fields holding images, for projections
	 */
	public Set<String> topLevelImageFields() {
		Set<String> fields = new LinkedHashSet<>();
		this.imagePaths.forEach(path -> fields.add(path.topLevelField()));
		return fields;
	}

	/**
	 * The most image URLs a document of this type can hold, when every image path is
	 * single-valued (no array on the way): one per path.
	 * @return that number, or empty when a path runs through an array
	 */
	public OptionalInt maxImagesPerDocument() {
		boolean fixed = this.imagePaths.stream()
			.flatMap(path -> path.segments().stream())
			.noneMatch(ImagePath.Segment::array);
		return fixed ? OptionalInt.of(this.imagePaths.size()) : OptionalInt.empty();
	}

	/**
	 * The id reported for a document: its business id when present, else its {@code _id}.
	 * @param document the document
	 * @return a printable id
	 */
	public String reportedId(Document document) {
		Object id = document.get(this.idField);
		if (id == null || id instanceof Document || id instanceof List<?>) {
			return "_id:" + document.get("_id");
		}
		return id.toString();
	}

}
