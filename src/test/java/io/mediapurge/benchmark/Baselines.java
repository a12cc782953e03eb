package io.mediapurge.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import io.mediapurge.support.EmbeddedS3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The two baselines the job is compared with, both run from the benchmark's JVM against
 * the servers' JVM.
 */
final class Baselines {

	/**
	 * One baseline run: wall seconds (for all N documents; when the naive way ran out of
	 * its time, extrapolated from the share of the image URLs it did), end state checked,
	 * S3 requests sent (likewise extrapolated), and the share of the work actually done.
	 */
	record Run(double seconds, boolean ok, long requests, double share) {
	}

	private Baselines() {
	}

	/**
	 * The naive way: one DeleteObject per image URL and one {@code deleteOne} by
	 * {@code _id} per document, in sequence. It ignores sharing, so it also deletes the
	 * images of live documents that flagged ones show.
	 */
	static Run naive(BenchmarkData data, ServersProcess servers, int round, double maxSeconds) {
		double seeding = Double.parseDouble(servers.seed().get("seconds"));
		try (MongoClient client = MongoClients.create(servers.mongoUri());
				S3Client s3 = s3Client(servers.s3Endpoint())) {
			MongoDatabase cms = client.getDatabase(BenchmarkData.DATABASE);
			System.gc();
			long start = System.nanoTime();
			Date cutoff = Date.from(Instant.now().minus(Duration.ofHours(24)));
			long deleteObjects = 0;
			long deleteOnes = 0;
			List<MongoCollection<Document>> collections = new ArrayList<>();
			List<List<Document>> flagged = new ArrayList<>();
			for (String name : BenchmarkData.COLLECTIONS) {
				MongoCollection<Document> collection = cms.getCollection(name);
				collections.add(collection);
				flagged
					.add(collection.find(Filters.and(Filters.eq("is_deleted", true), Filters.lte("deleted_at", cutoff)))
						.into(new ArrayList<>()));
			}
			// the content types in turn, so that a run cut short by its time did a fair
			// sample of them
			long deadline = start + (long) (maxSeconds * 1e9);
			boolean cut = false;
			for (int i = 0; !cut && i < data.n(); i++) {
				int type = i % 4;
				List<Document> documents = flagged.get(type);
				if (i / 4 >= documents.size()) {
					continue;
				}
				Document document = documents.get(i / 4);
				for (String url : BenchmarkData.urls(BenchmarkData.COLLECTIONS.get(type), document)) {
					s3.deleteObject(request -> request.bucket(BenchmarkData.BUCKET).key(BenchmarkData.key(url)));
					deleteObjects++;
				}
				deleteOnes += collections.get(type).deleteOne(Filters.eq("_id", document.get("_id"))).getDeletedCount();
				cut = System.nanoTime() > deadline;
			}
			double measured = seconds(start);
			double share = (double) deleteObjects / data.flaggedImages();
			double seconds = measured / share;
			Map<String, String> end = servers.check();
			long lostShared = data.l() - Long.parseLong(end.get("live-objects"));
			boolean ok = Long.parseLong(end.get("flagged")) == data.n() - deleteOnes
					&& Long.parseLong(end.get("live")) == data.l() && (cut || deleteObjects == data.flaggedImages())
					&& (cut || deleteOnes == data.n());
			System.out.printf("round %d naive:   seeded in %.1f s; purged %d documents in %.2f s with %d DeleteObject "
					+ "and %d deleteOne calls%s; %s; %d shared images that live documents still show were deleted "
					+ "too (the naive way ignores sharing)%n", round, seeding, deleteOnes, measured, deleteObjects,
					deleteOnes,
					cut ? String.format(
							" (stopped after %.0f s: %.1f %% of the image URLs, %.0f s extrapolated for all)",
							maxSeconds, 100 * share, seconds) : "",
					ok ? "OK" : "FAILED", lostShared);
			return new Run(seconds, ok, Math.round(deleteObjects / share), share);
		}
	}

	/**
	 * The raw S3 limit: the keys the job deletes (every flagged key no live document
	 * shows), with DeleteObjects in batches of 1,000, one request at a time as the job
	 * sends them, and no MongoDB work.
	 */
	static Run ceiling(BenchmarkData data, ServersProcess servers, int round) {
		double seeding = Double.parseDouble(servers.seedS3().get("seconds"));
		List<ObjectIdentifier> keys = data.allOwnKeys()
			.map(key -> ObjectIdentifier.builder().key(key).build())
			.toList();
		try (S3Client s3 = s3Client(servers.s3Endpoint())) {
			System.gc();
			long start = System.nanoTime();
			long requests = 0;
			long errors = 0;
			long slowDowns = 0;
			for (int from = 0; from < keys.size(); from += 1000) {
				List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
				while (true) {
					requests++;
					try {
						errors += s3
							.deleteObjects(request -> request.bucket(BenchmarkData.BUCKET)
								.delete(Delete.builder().objects(batch).build()))
							.errors()
							.size();
						break;
					}
					catch (S3Exception ex) {
						if (ex.statusCode() != 503) {
							throw ex;
						}
						// SlowDown: the least a client can do is wait a little and retry
						slowDowns++;
						NetworkBlobStore.sleepMicros(100_000);
					}
				}
			}
			double seconds = seconds(start);
			Map<String, String> end = servers.check();
			boolean ok = errors == 0 && Long.parseLong(end.get("objects")) == data.l()
					&& Long.parseLong(end.get("live-objects")) == data.l();
			System.out.printf(
					"round %d ceiling: seeded the bucket in %.1f s; deleted %d keys in %.2f s with %d "
							+ "DeleteObjects requests (%d answered SlowDown, retried after 100 ms): %s%n",
					round, seeding, keys.size(), seconds, requests, slowDowns, ok ? "OK" : "FAILED");
			return new Run(seconds, ok, requests, 1.0);
		}
	}

	private static S3Client s3Client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
			.httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
			// a SlowDown reaches the caller as it is
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
