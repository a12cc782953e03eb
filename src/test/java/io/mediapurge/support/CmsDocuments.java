package io.mediapurge.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Documents as the CMS writes them, for the four content types of {@code jobs/}.
 */
public final class CmsDocuments {

	private CmsDocuments() {
	}

	public static Document gallery(String id, String... urls) {
		return new Document("_id", new ObjectId()).append("gallery_id", id)
			.append("title", "Gallery " + id)
			.append("images", Arrays.stream(urls).map(url -> new Document("url", url).append("caption", "c")).toList());
	}

	public static Document article(String id, String image, List<Object> imageGallery) {
		return new Document("_id", new ObjectId()).append("article_id", id)
			.append("headline", "Article " + id)
			.append("image", image)
			.append("image_gallery", imageGallery);
	}

	public static Document theaterRelease(String id, String movieImage, String movieBanner) {
		return new Document("_id", new ObjectId()).append("release_id", id)
			.append("movie_image", movieImage)
			.append("movie_banner", movieBanner);
	}

	public static Document ottRelease(String id, String movieImage) {
		return new Document("_id", new ObjectId()).append("release_id", id).append("movie_image", movieImage);
	}

	/** Soft-deletes the document as the CMS does, {@code ago} before now. */
	public static Document flagged(Document document, Duration ago) {
		return document.append("is_deleted", true).append("deleted_at", Date.from(Instant.now().minus(ago)));
	}

	/** Soft-deleted two days ago: past the default 24-hour grace period. */
	public static Document due(Document document) {
		return flagged(document, Duration.ofDays(2));
	}

}
