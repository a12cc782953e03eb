package io.mediapurge.references;

import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.ImagePath;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.imagestore.S3Properties;

/**
 * What the catch-up tests share: bucket {@code media} behind {@link #CDN} (with
 * {@code s3://media/} URIs and '+' read as a space), and galleries whose images are under
 * {@code images[].url}, edited by {@code updated_at}.
 */
public final class CatchUpFixtures {

	public static final String CDN = "https://cdn.example.com/media/";

	private CatchUpFixtures() {
	}

	public static ImageUrlResolver resolver() {
		return new ImageUrlResolver(
				new S3Properties("media", "eu-west-1", null, false, List.of(URI.create(CDN)), List.of(), false,
						new S3Properties.Delete(1000, 5, Duration.ofMillis(200), Duration.ofSeconds(10),
								Duration.ofSeconds(30), Duration.ofSeconds(5), 3000, List.of(), 1),
						true, null, List.of()));
	}

	public static ContentTypeSpec galleries(String collection) {
		return new ContentTypeSpec("gallery", collection, "gallery_id", "is_deleted", "deleted_at",
				List.of(ImagePath.parse("images[].url")), "test:gallery", "updated_at");
	}

	public static ContentCatalogue galleries() {
		return new ContentCatalogue(List.of(galleries("galleries")));
	}

	/**
	 * Inserts a live gallery, written now, showing the key behind {@link #CDN}.
	 */
	public static void insertGallery(MongoTemplate mongo, String key) {
		ObjectId id = new ObjectId();
		mongo.getCollection("galleries")
			.insertOne(new Document("_id", id).append("gallery_id", id.toHexString())
				.append("updated_at", new Date())
				.append("images", List.of(new Document("url", CDN + key))));
	}

}
