package io.mediapurge.catalogue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The catalogue decides which documents are purged and where their images are, so a spec
 * with a mistake must stop the application, with a message that says which file and which
 * field.
 */
class ContentCatalogueLoaderTests {

	private static final String SHIPPED_SPECS = "file:jobs/*.yaml";

	private final ContentCatalogueLoader loader = new ContentCatalogueLoader();

	@Test
	void loadsTheShippedSpecsInNameOrder() {
		// when
		ContentCatalogue catalogue = this.loader.load(SHIPPED_SPECS);

		// then
		assertThat(catalogue.names()).containsExactly("article", "gallery", "ott-release", "theater-release");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void eachShippedSpecDescribesItsCollection(String name, String collection, String idField, List<String> imagePaths,
			List<String> mongoPaths) {
		// given
		ContentCatalogue catalogue = this.loader.load(SHIPPED_SPECS);

		// when
		ContentTypeSpec spec = catalogue.find(name).orElseThrow();

		// then
		assertThat(spec.collection()).isEqualTo(collection);
		assertThat(spec.idField()).isEqualTo(idField);
		assertThat(spec.flagField()).isEqualTo("is_deleted");
		assertThat(spec.deletedAtField()).isEqualTo("deleted_at");
		assertThat(spec.imagePaths()).extracting(ImagePath::expression).containsExactlyElementsOf(imagePaths);
		assertThat(spec.imagePaths()).extracting(ImagePath::mongoPath).containsExactlyElementsOf(mongoPaths);
		assertThat(spec.source()).endsWith("jobs/" + name + ".yaml");
	}

	static Stream<Arguments> eachShippedSpecDescribesItsCollection() {
		return Stream.of(
				arguments("article", "articles", "article_id",
						List.of("image", "image_gallery[]", "image_gallery[].url"),
						List.of("image", "image_gallery", "image_gallery.url")),
				arguments("gallery", "galleries", "gallery_id", List.of("images[].url"), List.of("images.url")),
				arguments("ott-release", "ott_releases", "release_id", List.of("movie_image"), List.of("movie_image")),
				arguments("theater-release", "theater_releases", "release_id", List.of("movie_image", "movie_banner"),
						List.of("movie_image", "movie_banner")));
	}

	@Test
	void theGallerySpecReadsImagesAsAnArrayOfObjects() {
		// given
		ContentTypeSpec gallery = this.loader.load(SHIPPED_SPECS).find("gallery").orElseThrow();

		// when
		List<ImagePath.Segment> segments = gallery.imagePaths().get(0).segments();

		// then
		assertThat(segments).containsExactly(new ImagePath.Segment("images", true),
				new ImagePath.Segment("url", false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void refusesASpecWithAMistakeNamingTheFileAndTheField(String file, List<String> expectedInMessage) {
		// given
		String location = "classpath:catalogue/invalid/" + file;

		// when / then
		assertThatExceptionOfType(CatalogueException.class).isThrownBy(() -> this.loader.load(location))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains(file);
				assertThat(ex.getMessage()).contains(expectedInMessage);
			});
	}

	static Stream<Arguments> refusesASpecWithAMistakeNamingTheFileAndTheField() {
		return Stream.of(arguments("missing-image-paths.yaml", List.of("'image-paths'", "must not be empty")),
				arguments("blank-collection.yaml", List.of("'collection'", "must not be blank")),
				// the misspelt key is refused rather than read as "no images"
				arguments("misspelt-image-paths.yaml", List.of("unknown fields", "'image-path[0]'")),
				arguments("misspelt-soft-delete-field.yaml", List.of("unknown fields", "'soft-delete.flag-feild'")),
				// with the line (and column) of the path
				arguments("path-without-dot.yaml", List.of("'image-paths[0]'", "- 5:5)", "'images[]url'")),
				arguments("path-with-empty-segment.yaml", List.of("'image-paths[0]'", "- 5:5)", "'images..url'")),
				arguments("conflicting-array-paths.yaml", List.of("'image-paths'", "'images.url'", "'images'")),
				arguments("invalid-name.yaml", List.of("'name'", "lower-case")),
				arguments("not-yaml.yaml", List.of("not valid YAML")),
				arguments("two-documents.yaml", List.of("exactly one YAML document")));
	}

	@Test
	void refusesTwoSpecsDeclaringTheSameContentType() {
		// given
		String location = "classpath:catalogue/duplicate-names/*.yaml";

		// when / then
		assertThatExceptionOfType(CatalogueException.class).isThrownBy(() -> this.loader.load(location))
			.withMessageContaining("first.yaml")
			.withMessageContaining("second.yaml")
			.withMessageContaining("content type 'gallery'");
	}

	@Test
	void refusesTwoSpecsDeclaringTheSameCollection() {
		// given
		String location = "classpath:catalogue/duplicate-collections/*.yaml";

		// when / then
		assertThatExceptionOfType(CatalogueException.class).isThrownBy(() -> this.loader.load(location))
			.withMessageContaining("gallery.yaml")
			.withMessageContaining("photo-gallery.yaml")
			.withMessageContaining("collection 'galleries'");
	}

	@Test
	void refusesAnEmptyCatalogueWhenNoFileMatches() {
		// given a folder holding no *.yaml file
		String location = "classpath:catalogue/no-specs/*.yaml";

		// when / then
		assertThatExceptionOfType(CatalogueException.class).isThrownBy(() -> this.loader.load(location))
			.withMessageContaining("No content-type specs found")
			.withMessageContaining(location);
	}

	@Test
	void refusesALocationThatDoesNotExist() {
		// given
		String location = "classpath:catalogue/does-not-exist/*.yaml";

		// when / then
		assertThatExceptionOfType(CatalogueException.class).isThrownBy(() -> this.loader.load(location))
			.withMessageContaining(location);
	}

}
