package io.mediapurge.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Reading image URLs out of a document: a URL missed here is an image never deleted, and
 * a field misread is a document purged with its images left behind, so wrong shapes fail
 * loudly.
 */
class ContentTypeSpecTests {

	private static final ContentTypeSpec GALLERY = spec("gallery", "galleries", "gallery_id", "images[].url");

	private static final ContentTypeSpec ARTICLE = spec("article", "articles", "article_id", "image", "image_gallery[]",
			"image_gallery[].url");

	private static final ContentTypeSpec THEATER_RELEASE = spec("theater-release", "theater_releases", "release_id",
			"movie_image", "movie_banner");

	private static ContentTypeSpec spec(String name, String collection, String idField, String... imagePaths) {
		return new ContentTypeSpec(name, collection, idField, "is_deleted", "deleted_at",
				Arrays.stream(imagePaths).map(ImagePath::parse).toList(), "test:" + name);
	}

	private static Document image(String url) {
		return new Document("url", url).append("caption", "a caption");
	}

	@Test
	void aTypeWithOnlySingleValuedImageFieldsHoldsAtMostOneImagePerField() {
		assertThat(THEATER_RELEASE.maxImagesPerDocument()).hasValue(2);
		assertThat(spec("nested", "nested", "id", "poster.url").maxImagesPerDocument()).hasValue(1);
		assertThat(GALLERY.maxImagesPerDocument()).isEmpty();
		assertThat(ARTICLE.maxImagesPerDocument()).isEmpty();
		assertThat(spec("in-list", "in-list", "id", "hero.slides[].url").maxImagesPerDocument()).isEmpty();
	}

	@Test
	void readsTheUrlOfEachGalleryImageInOrder() {
		// given
		Document gallery = new Document("_id", new ObjectId()).append("gallery_id", "g-1")
			.append("title", "Cats")
			.append("images", List.of(image("https://cdn.example.com/media/a.jpg"),
					image("https://cdn.example.com/media/b.jpg"), image("https://cdn.example.com/media/c.jpg")));

		// when
		List<String> urls = GALLERY.imageUrls(gallery);

		// then
		assertThat(urls).containsExactly("https://cdn.example.com/media/a.jpg", "https://cdn.example.com/media/b.jpg",
				"https://cdn.example.com/media/c.jpg");
	}

	@Test
	void readsAnArticlesLeadImageAndAGalleryMixingStringsAndObjects() {
		// given
		Document article = new Document("article_id", "a-1").append("image", "https://cdn.example.com/media/lead.jpg")
			.append("image_gallery",
					List.of("https://cdn.example.com/media/g1.jpg", image("https://cdn.example.com/media/g2.jpg"),
							"https://cdn.example.com/media/g3.jpg",
							new Document("url", "https://cdn.example.com/media/g4.jpg")));

		// when
		List<String> urls = ARTICLE.imageUrls(article);

		// then
		assertThat(urls).containsExactly("https://cdn.example.com/media/lead.jpg",
				"https://cdn.example.com/media/g1.jpg", "https://cdn.example.com/media/g2.jpg",
				"https://cdn.example.com/media/g3.jpg", "https://cdn.example.com/media/g4.jpg");
	}

	@Test
	void readsEveryTopLevelImageField() {
		// given
		Document release = new Document("release_id", "r-1")
			.append("movie_image", "https://cdn.example.com/media/poster.jpg")
			.append("movie_banner", "https://cdn.example.com/media/banner.jpg");

		// when
		List<String> urls = THEATER_RELEASE.imageUrls(release);

		// then
		assertThat(urls).containsExactly("https://cdn.example.com/media/poster.jpg",
				"https://cdn.example.com/media/banner.jpg");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource
	void missingNullAndBlankValuesMeanNoImage(String type, Document document) {
		// given
		ContentTypeSpec spec = type.equals("gallery") ? GALLERY : ARTICLE;

		// when
		List<String> urls = spec.imageUrls(document);

		// then
		assertThat(urls).isEmpty();
	}

	static Stream<Arguments> missingNullAndBlankValuesMeanNoImage() {
		return Stream.of(arguments("gallery", new Document("gallery_id", "g-1")),
				arguments("gallery", new Document("images", null)),
				arguments("gallery", new Document("images", List.of())),
				arguments("gallery", new Document("images", Arrays.asList(null, null))),
				arguments("gallery", new Document("images", List.of(new Document("caption", "no url")))),
				arguments("gallery", new Document("images", List.of(new Document("url", null)))),
				arguments("gallery",
						new Document("images", List.of(new Document("url", ""), new Document("url", "   ")))),
				arguments("article", new Document("article_id", "a-1")),
				arguments("article", new Document("image", null).append("image_gallery", null)),
				arguments("article", new Document("image", "").append("image_gallery", Arrays.asList(null, " ", "\t"))),
				arguments("article", new Document("image_gallery", List.of(new Document("url", ""), new Document()))));
	}

	@Test
	void blankUrlsAreSkippedWhileTheOthersAreKept() {
		// given
		Document gallery = new Document("images", List.of(image(""), image("https://cdn.example.com/media/a.jpg"),
				image("  "), image("https://cdn.example.com/media/b.jpg")));

		// when
		List<String> urls = GALLERY.imageUrls(gallery);

		// then
		assertThat(urls).containsExactly("https://cdn.example.com/media/a.jpg", "https://cdn.example.com/media/b.jpg");
	}

	@ParameterizedTest(name = "{0}: {3}")
	@MethodSource
	void aFieldOfTheWrongTypeMakesTheDocumentMalformed(String type, Document document, String reasonCode,
			String field) {
		// given
		ContentTypeSpec spec = type.equals("gallery") ? GALLERY : ARTICLE;

		// when / then
		assertThatExceptionOfType(MalformedDocumentException.class).isThrownBy(() -> spec.imageUrls(document))
			.satisfies((ex) -> {
				assertThat(ex.reasonCode()).isEqualTo(reasonCode);
				assertThat(ex.getMessage()).contains("'" + field + "'");
			});
	}

	static Stream<Arguments> aFieldOfTheWrongTypeMakesTheDocumentMalformed() {
		return Stream.of(
				arguments("gallery", new Document("images", "https://cdn.example.com/media/a.jpg"), "not-an-array",
						"images"),
				arguments("gallery", new Document("images", image("https://cdn.example.com/media/a.jpg")),
						"not-an-array", "images"),
				arguments("gallery", new Document("images", List.of(image("https://cdn.example.com/media/a.jpg"), 42)),
						"wrong-type", "images[1]"),
				arguments("gallery", new Document("images", List.of("https://cdn.example.com/media/a.jpg")),
						"wrong-type", "images[0]"),
				arguments("gallery", new Document("images", List.of(new Document("url", 42))), "wrong-type",
						"images[0].url"),
				arguments("gallery",
						new Document("images",
								List.of(new Document("url", List.of("https://cdn.example.com/media/a.jpg")))),
						"wrong-type", "images[0].url"),
				arguments("gallery", new Document("images", List.of(new Document("url", new Document("src", "x")))),
						"wrong-type", "images[0].url"),
				arguments("article",
						new Document("image", new Document("url", "https://cdn.example.com/media/lead.jpg")),
						"wrong-type", "image"),
				arguments("article", new Document("image", List.of("https://cdn.example.com/media/lead.jpg")),
						"wrong-type", "image"),
				arguments("article", new Document("image", true), "wrong-type", "image"),
				arguments("article", new Document("image_gallery", List.of("https://cdn.example.com/media/g1.jpg", 7)),
						"wrong-type", "image_gallery[1]"),
				arguments("article", new Document("image_gallery", "https://cdn.example.com/media/g1.jpg"),
						"not-an-array", "image_gallery"),
				arguments("article", new Document("image_gallery", List.of(new Document("url", 5))), "wrong-type",
						"image_gallery[0].url"),
				arguments("article",
						new Document("image_gallery", List.of(List.of("https://cdn.example.com/media/g1.jpg"))),
						"wrong-type", "image_gallery[0]"));
	}

	@Test
	void theMessageOfAMalformedDocumentSaysWhatWasExpectedAndFound() {
		// given
		Document gallery = new Document("images", List.of(image("https://cdn.example.com/media/a.jpg"), 42));

		// when / then
		assertThatExceptionOfType(MalformedDocumentException.class).isThrownBy(() -> GALLERY.imageUrls(gallery))
			.withMessageContaining("'images[1]'")
			.withMessageContaining("url")
			.withMessageContaining("42");
	}

	@Test
	void readsADocumentWithFiveThousandImages() {
		// given
		List<String> expected = IntStream.range(0, 5_000)
			.mapToObj((i) -> "https://cdn.example.com/media/img-" + i + ".jpg")
			.toList();
		Document gallery = new Document("images", expected.stream().map(ContentTypeSpecTests::image).toList());

		// when
		List<String> urls = GALLERY.imageUrls(gallery);

		// then
		assertThat(urls).hasSize(5_000).containsExactlyElementsOf(expected);
	}

	@Test
	void keepsDuplicateUrls() {
		// given
		Document article = new Document("image", "https://cdn.example.com/media/a.jpg").append("image_gallery",
				List.of("https://cdn.example.com/media/a.jpg", image("https://cdn.example.com/media/a.jpg")));

		// when
		List<String> urls = ARTICLE.imageUrls(article);

		// then
		assertThat(urls).containsExactly("https://cdn.example.com/media/a.jpg", "https://cdn.example.com/media/a.jpg",
				"https://cdn.example.com/media/a.jpg");
	}

	@Test
	void referencedStringsCollectsEveryStringUnderTheImageFieldsWhateverTheirShape() {
		// given a gallery whose images do not have the shape its spec describes
		List<Object> images = new ArrayList<>();
		images.add("https://cdn.example.com/media/bare.jpg");
		images.add(42);
		images.add(null);
		images.add(new Document("src", "https://cdn.example.com/media/src.jpg").append("thumbs",
				List.of(new Document("url", "https://cdn.example.com/media/thumb.jpg"))));
		images.add(List.of("https://cdn.example.com/media/nested.jpg"));
		Document gallery = new Document("title", "https://cdn.example.com/media/not-an-image-field.jpg")
			.append("images", images);

		// when
		List<String> strings = GALLERY.referencedStrings(gallery);

		// then
		assertThat(strings).containsExactly("https://cdn.example.com/media/bare.jpg",
				"https://cdn.example.com/media/src.jpg", "https://cdn.example.com/media/thumb.jpg",
				"https://cdn.example.com/media/nested.jpg");
		assertThatExceptionOfType(MalformedDocumentException.class).isThrownBy(() -> GALLERY.imageUrls(gallery));
	}

	@Test
	void referencedStringsReadsEachImageFieldOfAnArticle() {
		// given
		Document article = new Document("image", new Document("url", "https://cdn.example.com/media/lead.jpg"))
			.append("image_gallery", "https://cdn.example.com/media/g1.jpg")
			.append("body", "https://cdn.example.com/media/inline.jpg");

		// when
		List<String> strings = ARTICLE.referencedStrings(article);

		// then
		assertThat(strings).containsExactly("https://cdn.example.com/media/lead.jpg",
				"https://cdn.example.com/media/g1.jpg");
	}

	@Test
	void referencedStringsOfADocumentWithoutImagesIsEmpty() {
		// given
		Document article = new Document("article_id", "a-1").append("image", null);

		// when
		List<String> strings = ARTICLE.referencedStrings(article);

		// then
		assertThat(strings).isEmpty();
	}

	@Test
	void topLevelImageFieldsNamesEachFieldOnce() {
		// when
		Set<String> fields = ARTICLE.topLevelImageFields();

		// then
		assertThat(fields).containsExactly("image", "image_gallery");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void reportedIdIsTheBusinessIdOrElseTheObjectId(String description, Object businessId, String expected) {
		// given
		ObjectId objectId = new ObjectId("65f1c0ffee0123456789abcd");
		Document gallery = new Document("_id", objectId);
		if (!"<absent>".equals(businessId)) {
			gallery.append("gallery_id", businessId);
		}

		// when
		String reported = GALLERY.reportedId(gallery);

		// then
		assertThat(reported).isEqualTo(expected);
	}

	static Stream<Arguments> reportedIdIsTheBusinessIdOrElseTheObjectId() {
		return Stream.of(arguments("string id", "g-42", "g-42"), arguments("numeric id", 42, "42"),
				arguments("absent", "<absent>", "_id:65f1c0ffee0123456789abcd"),
				arguments("null", null, "_id:65f1c0ffee0123456789abcd"),
				arguments("object", new Document("a", 1), "_id:65f1c0ffee0123456789abcd"),
				arguments("array", List.of("g-1", "g-2"), "_id:65f1c0ffee0123456789abcd"));
	}

}
