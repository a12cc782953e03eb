package io.mediapurge.support;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The demos' world: an in-process MongoDB and S3 seeded with content of the four content
 * types that shows every case the job handles (due and in-grace documents, shared images,
 * external URLs, an article the CMS restored, a malformed gallery and an article with a
 * suspicious URL) and what the orphan sweep finds (old objects no document shows, a fresh
 * upload no document shows yet, a live gallery with a missing image), and, after a run,
 * why each object left in the bucket was kept.
 */
public final class SampleContent {

	public static final String BUCKET = "media";

	public static final String CDN = "https://cdn.example.com/media/";

	/**
	 * The bucket's key prefixes, configured as {@code media-purge.s3.key-prefixes}: the
	 * orphan sweep lists under these and nowhere else.
	 */
	public static final List<String> KEY_PREFIXES = List.of("galleries/", "articles/", "releases/", "shared/");

	/**
	 * When the sample's images were uploaded: long enough ago for the sweep's default
	 * minimum age (7 days), as a bucket in use would hold them.
	 */
	static final Instant UPLOADED = Instant.parse("2024-05-14T09:30:00Z");

	/** The sample's orphans and when each was uploaded. */
	public static final Map<String, Instant> ORPHANS = Map.of("galleries/2019/abandoned-upload.jpg",
			Instant.parse("2019-03-02T10:11:12Z"), "articles/drafts/never-saved-hero.jpg",
			Instant.parse("2025-06-30T16:45:00Z"));

	private static final List<String> COLLECTIONS = List.of("galleries", "articles", "theater_releases",
			"ott_releases");

	private SampleContent() {
	}

	/**
	 * @param mongo the in-process MongoDB server
	 * @param s3 the in-process S3 server
	 * @param jdbcUrl the job repository
	 * @return the application's arguments for this world
	 */
	public static List<String> arguments(EmbeddedMongo mongo, EmbeddedS3 s3, String jdbcUrl) {
		// the job's client reads credentials from the AWS SDK's default chain
		System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
		return List.of("--spring.mongodb.uri=" + mongo.uri("cms"), "--spring.datasource.url=" + jdbcUrl,
				"--media-purge.s3.bucket=" + BUCKET, "--media-purge.s3.endpoint=" + s3.endpoint(),
				"--media-purge.s3.path-style=true", "--media-purge.s3.public-base-urls=" + CDN,
				"--media-purge.s3.key-prefixes=" + String.join(",", KEY_PREFIXES));
	}

	/**
	 * Seeds both servers: the purge's cases (see the class comment) and what the orphan
	 * sweep finds. Every object is dated {@link #UPLOADED} or earlier, except an upload
	 * in progress written now (younger than the sweep's minimum age, so never a
	 * candidate).
	 * @param mongo the CMS database's server
	 * @param s3 the bucket's server
	 */
	public static void seed(EmbeddedMongo mongo, EmbeddedS3 s3) {
		String s3Base = s3.endpoint() + "/" + BUCKET + "/";
		List<String> shown = List.of("galleries/summer/1.jpg", "galleries/summer/2.jpg", "galleries/summer/3.jpg",
				"galleries/winter/1.jpg", "galleries/autumn/1.jpg", "articles/launch/lead.jpg",
				"articles/launch/inline.jpg", "articles/review/lead.jpg", "releases/dune/poster.jpg",
				"releases/dune/banner.jpg", "releases/series/poster.jpg", "shared/logo.png", "galleries/fresh/1.jpg");
		for (String key : shown) {
			s3.put(key);
			s3.setLastModified(key, UPLOADED);
		}
		// orphans, no document shows them: an upload abandoned before its gallery was
		// saved, a draft's hero image
		s3.put(ORPHANS.keySet().toArray(String[]::new));
		ORPHANS.forEach(s3::setLastModified);
		// not shown either, but uploaded just now: its document may be saved in a moment
		s3.put("galleries/uploads/in-progress.jpg");
		try (MongoClient client = MongoClients.create(mongo.uri("cms"))) {
			MongoDatabase cms = client.getDatabase("cms");
			// due galleries: one shares its third image with the restored article
			cms.getCollection("galleries")
				.insertMany(List.of(
						due(gallery("summer", CDN + "galleries/summer/1.jpg", s3Base + "galleries/summer/2.jpg",
								CDN + "galleries/summer/3.jpg")),
						gallery("winter", CDN + "galleries/winter/1.jpg"),
						// live, but one of its images is not in the bucket: a dangling
						// reference
						gallery("autumn", CDN + "galleries/autumn/1.jpg", CDN + "galleries/autumn/missing.jpg"),
						// soft-deleted an hour ago: in its grace period, untouched
						flagged(gallery("fresh", CDN + "galleries/fresh/1.jpg"), Duration.ofHours(1)),
						// malformed: images is not an array; skipped with its reason
						due(new Document("gallery_id", "broken").append("images", CDN + "galleries/broken.jpg"))));
			cms.getCollection("articles")
				.insertMany(List.of(
						due(article("launch", CDN + "articles/launch/lead.jpg",
								List.of(s3Base + "articles/launch/inline.jpg",
										new Document("url", "https://images.partner.example/x.jpg")))),
						// soft-deleted, then restored by the CMS before the run: live
						// again,
						// with the image it shares with "summer"
						article("review", CDN + "articles/review/lead.jpg", List.of(CDN + "galleries/summer/3.jpg"))
							.append("is_deleted", false)
							.append("restored_at", new Date()),
						// a suspicious URL on our host blocks the purge of its document
						due(article("tricky", CDN + "articles/../shared/logo.png", List.of()))));
			cms.getCollection("theater_releases")
				.insertOne(due(
						theaterRelease("dune", CDN + "releases/dune/poster.jpg", CDN + "releases/dune/banner.jpg")));
			cms.getCollection("ott_releases")
				.insertOne(due(ottRelease("series", s3Base + "releases/series/poster.jpg")));
		}
	}

	/**
	 * Why each object left in the bucket was kept, from the documents that still show it
	 * and from what the run recorded about them.
	 * @param mongo the in-process MongoDB server
	 * @param s3 the in-process S3 server
	 * @param jdbcUrl the job repository the run wrote to
	 * @param dryRun whether the run was a dry run
	 * @return one line per object: its key, then why
	 */
	public static List<String> leftovers(EmbeddedMongo mongo, EmbeddedS3 s3, String jdbcUrl, boolean dryRun)
			throws SQLException {
		List<String> lines = new ArrayList<>();
		try (MongoClient client = MongoClients.create(mongo.uri("cms"));
				Connection repository = DriverManager.getConnection(jdbcUrl, "sa", "")) {
			MongoDatabase cms = client.getDatabase("cms");
			for (String key : s3.keys().stream().sorted().toList()) {
				List<String> reasons = new ArrayList<>();
				for (String collection : COLLECTIONS) {
					for (Document document : cms.getCollection(collection).find()) {
						// the suspicious URL 'articles/../shared/logo.png' names its key
						// too
						if (document.toJson().contains(key)) {
							reasons.add(why(collection, document, repository, dryRun));
						}
					}
				}
				lines.add(key + ": " + (reasons.isEmpty() ? unshown(key) : String.join("; ", reasons)));
			}
		}
		return lines;
	}

	/**
	 * @return why an object no document shows is still there: the purge never deletes it;
	 * the orphan sweep does once it is older than the sweep's minimum age
	 */
	static String unshown(String key) {
		return ORPHANS.containsKey(key)
				? "no document shows it (an orphan: the purge never deletes it, the orphan sweep may)"
				: "no document shows it yet (uploaded as the demo started: the purge never deletes it, and the "
						+ "orphan sweep leaves it until it is older than the sweep's minimum age, 7 days by default, "
						+ "as a document may be about to show it)";
	}

	private static String why(String collection, Document document, Connection repository, boolean dryRun)
			throws SQLException {
		String id = String.valueOf(document.getOrDefault("gallery_id",
				document.getOrDefault("article_id", document.getOrDefault("release_id", document.get("_id")))));
		String name = collection + " '" + id + "'";
		if (!Boolean.TRUE.equals(document.get("is_deleted"))) {
			return name + " is live" + (document.containsKey("restored_at") ? " (the CMS restored it)" : "")
					+ " and shows it";
		}
		String recorded = event(repository, id);
		if (recorded != null) {
			return name + " was " + recorded;
		}
		Date deletedAt = document.getDate("deleted_at");
		if (deletedAt != null && deletedAt.toInstant().isAfter(new Date().toInstant().minus(Duration.ofHours(24)))) {
			return name + " is in its grace period (soft-deleted less than 24 h ago)";
		}
		return name + (dryRun ? " is due, and a dry run deletes nothing" : " is soft-deleted and not purged yet");
	}

	private static String event(Connection repository, String documentId) throws SQLException {
		try (PreparedStatement query = repository.prepareStatement(
				"SELECT event, reason FROM purge_document_event WHERE document_id = ? ORDER BY id DESC")) {
			query.setString(1, documentId);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getString(1).toLowerCase() + ": " + rows.getString(2) : null;
			}
		}
	}

}
