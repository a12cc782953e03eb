package io.mediapurge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;

/**
 * Runs media-purge on embedded defaults: an in-process MongoDB wire-protocol server and
 * S3 API server, seeded with sample content, and an in-memory H2 job repository. Started
 * by {@code ./mvnw spring-boot:test-run}; arguments are passed on (e.g.
 * {@code dryRun=true}).
 */
public final class TestMediaPurgeApplication {

	private static final String BUCKET = "media";

	private static final String CDN = "https://cdn.example.com/media/";

	private TestMediaPurgeApplication() {
	}

	public static void main(String[] args) throws Exception {
		int exitCode;
		try (EmbeddedMongo mongo = new EmbeddedMongo(); EmbeddedS3 s3 = new EmbeddedS3(BUCKET)) {
			seed(mongo, s3);
			System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
			System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
			List<String> arguments = new ArrayList<>(List.of(args));
			arguments.add("--spring.mongodb.uri=" + mongo.uri("cms"));
			arguments.add("--spring.datasource.url=jdbc:h2:mem:media-purge;DB_CLOSE_DELAY=-1");
			arguments.add("--media-purge.s3.bucket=" + BUCKET);
			arguments.add("--media-purge.s3.endpoint=" + s3.endpoint());
			arguments.add("--media-purge.s3.path-style=true");
			arguments.add("--media-purge.s3.public-base-urls=" + CDN);
			exitCode = MediaPurgeApplication.run(arguments.toArray(String[]::new));
			System.out.println();
			System.out.println("Objects left in the bucket: " + s3.keys());
		}
		// The sample data holds a malformed and a blocked document on purpose, so a real
		// run would
		// exit 3 (completed with issues); the demo itself succeeded unless the job did
		// not complete.
		System.out.println("Exit code of the run: " + exitCode + " (see README, Exit codes)");
		System.exit((exitCode == 0 || exitCode == 3) ? 0 : exitCode);
	}

	private static void seed(EmbeddedMongo mongo, EmbeddedS3 s3) {
		String s3Base = s3.endpoint() + "/" + BUCKET + "/";
		s3.put("galleries/summer/1.jpg", "galleries/summer/2.jpg", "galleries/summer/3.jpg", "galleries/winter/1.jpg",
				"articles/launch/lead.jpg", "articles/launch/inline.jpg", "articles/review/lead.jpg",
				"releases/dune/poster.jpg", "releases/dune/banner.jpg", "releases/series/poster.jpg", "shared/logo.png",
				"galleries/fresh/1.jpg");
		try (MongoClient client = MongoClients.create(mongo.uri("cms"))) {
			MongoDatabase cms = client.getDatabase("cms");
			// due galleries: one shares its third image with a live article
			cms.getCollection("galleries")
				.insertMany(List.of(
						due(gallery("summer", CDN + "galleries/summer/1.jpg", s3Base + "galleries/summer/2.jpg",
								CDN + "galleries/summer/3.jpg")),
						gallery("winter", CDN + "galleries/winter/1.jpg"),
						// soft-deleted an hour ago: in its grace period, untouched
						flagged(gallery("fresh", CDN + "galleries/fresh/1.jpg"), Duration.ofHours(1)),
						// malformed: images is not an array; skipped with its reason
						due(new Document("gallery_id", "broken").append("images", CDN + "galleries/broken.jpg"))));
			cms.getCollection("articles")
				.insertMany(List.of(
						due(article("launch", CDN + "articles/launch/lead.jpg",
								List.of(s3Base + "articles/launch/inline.jpg",
										new Document("url", "https://images.partner.example/x.jpg")))),
						// the CMS restored this article: it lives on, with the image it
						// shares with "summer"
						article("review", CDN + "articles/review/lead.jpg", List.of(CDN + "galleries/summer/3.jpg"))
							.append("is_deleted", false),
						// a suspicious URL on our host blocks the purge of its document
						due(article("tricky", CDN + "articles/../shared/logo.png", List.of()))));
			cms.getCollection("theater_releases")
				.insertOne(due(
						theaterRelease("dune", CDN + "releases/dune/poster.jpg", CDN + "releases/dune/banner.jpg")));
			cms.getCollection("ott_releases")
				.insertOne(due(ottRelease("series", s3Base + "releases/series/poster.jpg")));
		}
	}

}
