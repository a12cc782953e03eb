package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.ImagePath;

class PurgePropertiesTests {

	private static final ContentTypeSpec GALLERY = spec("images[].url");

	private static final ContentTypeSpec THEATER_RELEASE = spec("movie_image", "movie_banner");

	private static final ContentTypeSpec OTT_RELEASE = spec("movie_image");

	private static ContentTypeSpec spec(String... imagePaths) {
		return new ContentTypeSpec("type", "collection", "id", "is_deleted", "deleted_at",
				Arrays.stream(imagePaths).map(ImagePath::parse).toList(), "test");
	}

	private static PurgeProperties properties(int chunkSize, boolean fillRequests) {
		return new PurgeProperties(Duration.ofHours(24), chunkSize, fillRequests, 100, 5, 3, 1);
	}

	@Test
	void typesWithAFixedNumberOfImagesTakeEnoughDocumentsToFillOneDeleteObjectsRequest() {
		PurgeProperties properties = properties(200, true);

		assertThat(properties.chunkSizeFor(GALLERY)).isEqualTo(200);
		assertThat(properties.chunkSizeFor(THEATER_RELEASE)).isEqualTo(500);
		assertThat(properties.chunkSizeFor(OTT_RELEASE)).isEqualTo(1000);
	}

	@Test
	void aLargerChunkSizeIsNeverLowered() {
		assertThat(properties(800, true).chunkSizeFor(THEATER_RELEASE)).isEqualTo(800);
	}

	@Test
	void withoutFillingEveryTypeTakesTheChunkSize() {
		PurgeProperties properties = properties(50, false);

		assertThat(properties.chunkSizeFor(THEATER_RELEASE)).isEqualTo(50);
		assertThat(properties.chunkSizeFor(OTT_RELEASE)).isEqualTo(50);
	}

}
