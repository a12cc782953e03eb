package io.mediapurge.operations.metrics;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import io.mediapurge.support.EmbeddedS3;

/**
 * One night's content with every outcome the metrics and plans report, in galleries and
 * articles.
 *
 * <p>
 * Real run: gallery purged 2 (g1, g2), blocked 2 (g3 suspicious-url, g4 s3-AccessDenied),
 * skipped 1 (not-an-array); images deleted 3, shared 1, external 1, already absent 1,
 * failed 1; one DeleteObjects request. Article purged 1 (a1), 1 image deleted, 1 request.
 *
 * <p>
 * Dry run: gallery would purge 3 (g1, g2, g4), block 1 (g3), skip 1; delete 4 images,
 * keep 1 shared, leave 1 external. Article as in the real run.
 */
public final class SampleNight {

	public static final String EXTERNAL_URL = "https://images.other.example/media/x.jpg";

	public static final String SUSPICIOUS_URL = cdnUrl("galleries/g3/../secret.jpg");

	private SampleNight() {
	}

	public static void seed(MongoTemplate mongo, EmbeddedS3 s3, JdbcTemplate jdbc) {
		s3.put("galleries/g1/1.jpg", "galleries/g1/2.jpg", "shared/logo.jpg", "galleries/g4/held.jpg",
				"galleries/secret.jpg", "articles/a1/lead.jpg");
		s3.faults().denyKeys(Set.of("galleries/g4/held.jpg"));
		mongo.getCollection("galleries")
			.insertMany(List.of(
					due(gallery("g1", s3Url("galleries/g1/1.jpg"), cdnUrl("galleries/g1/2.jpg"),
							cdnUrl("shared/logo.jpg"), EXTERNAL_URL)),
					due(gallery("g2", cdnUrl("galleries/g2/gone.jpg"))), due(gallery("g3", SUSPICIOUS_URL)),
					due(gallery("g4", s3Url("galleries/g4/held.jpg"))),
					due(new Document("gallery_id", "not-an-array").append("images", cdnUrl("galleries/x.jpg")))));
		mongo.getCollection("articles")
			.insertMany(List.of(article("live-article", cdnUrl("shared/logo.jpg"), List.of()),
					due(article("a1", cdnUrl("articles/a1/lead.jpg"), List.of()))));
		// deleted by an earlier run: S3 reports deleting it again as a success
		jdbc.update(
				"INSERT INTO purge_deleted_image (job_execution_id, content_type, document_id, image_key, deleted_at) "
						+ "VALUES (0, 'gallery', 'g2', 'galleries/g2/gone.jpg', ?)",
				Timestamp.from(Instant.now()));
	}

}
