package io.mediapurge.benchmark;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Throughput of the whole application (launched in-process, as
 * {@code TestMediaPurgeApplication} does) against a naive baseline that purges each
 * flagged document with one DeleteObject call per image and one {@code deleteOne}, on the
 * in-process MongoDB and S3 servers. It is a {@code main} in the test sources, not a
 * JUnit test, so {@code mvn verify} never runs it.
 *
 * <p>
 * Data (identical for every run, reseeded before each): N flagged documents soft-deleted
 * two days ago, spread evenly over the four content types, with N*5 image URLs in all
 * (theater releases hold 2 and OTT releases 1, so galleries and articles take the rest);
 * L=1,000 live documents with one image each; 10% of the flagged documents show one image
 * of a live document (as an {@code s3://} URL, where the live one uses the CDN URL). The
 * naive way ignores sharing and deletes those images too; the job must keep them.
 *
 * <p>
 * Run from the project root (the job reads the content-type specs from {@code jobs/}):
 * <pre>{@code
 * ./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test \
 *   && java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.mediapurge.benchmark.PurgeThroughputBenchmark 10000 3
 * }</pre>
 * <p>
 * Arguments: N (default 10000), rounds R (default 3), and optionally the job's log level
 * (default WARN; {@code INFO} shows the job's own log, e.g. the step timings).
 */
public final class PurgeThroughputBenchmark {

	private static final String BUCKET = "media";

	private static final String CDN = "https://cdn.example.com/media/";

	private static final String S3_URL = "s3://" + BUCKET + "/";

	private static final int M = 5;

	/** Extra arguments for the job, e.g. {@code --media-purge.chunk-size=200}. */
	private static String[] jobArgs = {};

	private static final int L = 1_000;

	private static final List<String> COLLECTIONS = List.of("galleries", "articles", "theater_releases",
			"ott_releases");

	private static final List<String> PREFIXES = List.of("galleries/", "articles/", "releases/theater/",
			"releases/ott/");

	/**
	 * The documents per collection and the objects of the bucket, the same for every run.
	 */
	private record DataSet(Map<String, List<Document>> documents, List<String> objectKeys, Set<String> liveKeys,
			int[] flaggedPerType, long[] imagesPerType, long flaggedImages, int shared) {
	}

	/**
	 * One measured run: wall seconds, end state checked, S3 requests sent, peak heap in
	 * MB (job only; -1 where not measured).
	 */
	private record Run(double seconds, boolean ok, long requests, long peakHeapMb) {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		String jobLogLevel = (args.length > 2) ? args[2] : "WARN";
		jobArgs = Arrays.copyOfRange(args, Math.min(args.length, 3), args.length);
		if (n < 4 || rounds < 1) {
			throw new IllegalArgumentException(
					"usage: PurgeThroughputBenchmark [N >= 4] [rounds >= 1] [job log level]");
		}
		DataSet data = build(n);
		System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
		System.out.printf("JVM %s %s (%s), %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		System.out.printf(
				"N=%d flagged documents, M=%.2f images each (%d image URLs), L=%d live documents, %d flagged share "
						+ "an image with a live one; %d objects in the bucket%n",
				n, (double) data.flaggedImages() / n, data.flaggedImages(), L, data.shared(), data.objectKeys().size());
		for (int type = 0; type < 4; type++) {
			System.out.printf("  %-17s %6d flagged documents, %7d image URLs%n", COLLECTIONS.get(type),
					data.flaggedPerType()[type], data.imagesPerType()[type]);
		}
		Run[] naive = new Run[rounds];
		Run[] ceiling = new Run[rounds];
		Run[] job = new Run[rounds];
		try (EmbeddedMongo mongo = new EmbeddedMongo(); MongoClient client = MongoClients.create(mongo.uri("cms"))) {
			MongoDatabase cms = client.getDatabase("cms");
			// alternating order: the naive way first in odd rounds, the job in even ones
			for (int round = 1; round <= rounds; round++) {
				ceiling[round - 1] = runCeiling(data, round);
				if (round % 2 == 1) {
					naive[round - 1] = runNaive(cms, data, round);
				}
				job[round - 1] = runJob(mongo, cms, data, round, jobLogLevel);
				if (round % 2 == 0) {
					naive[round - 1] = runNaive(cms, data, round);
				}
			}
		}
		printTable(n, data.flaggedImages(), naive, ceiling, job);
		boolean ok = Arrays.stream(naive).allMatch(Run::ok) && Arrays.stream(job).allMatch(Run::ok)
				&& Arrays.stream(ceiling).allMatch(Run::ok);
		System.exit(ok ? 0 : 1);
	}

	private static DataSet build(int n) {
		Map<String, List<Document>> documents = new LinkedHashMap<>();
		COLLECTIONS.forEach(collection -> documents.put(collection, new ArrayList<>()));
		List<String> objectKeys = new ArrayList<>();
		List<String> liveKeys = new ArrayList<>();
		for (int i = 0; i < L; i++) {
			String key = "live/" + i + ".jpg";
			liveKeys.add(key);
			objectKeys.add(key);
			documents.get(COLLECTIONS.get(i % 4))
				.add(document(i % 4, "live-" + i, List.of(CDN + key)).append("is_deleted", false));
		}
		int[] perType = IntStream.range(0, 4).map(type -> n / 4 + ((type < n % 4) ? 1 : 0)).toArray();
		// theater releases hold 2 images, OTT releases 1: galleries and articles take
		// the rest of N*M
		long rest = (long) n * M - 2L * perType[2] - perType[3];
		int flexible = perType[0] + perType[1];
		long base = rest / flexible;
		long extra = rest % flexible;
		long[] images = new long[4];
		int flexibleIndex = 0;
		int shared = 0;
		for (int i = 0; i < n; i++) {
			int type = i % 4;
			int count = switch (type) {
				case 2 -> 2;
				case 3 -> 1;
				default -> (int) (base + ((flexibleIndex++ < extra) ? 1 : 0));
			};
			// every tenth group of four documents (10%, all content types) shows one
			// image of a live document
			boolean sharing = (i / 4) % 10 == 0;
			List<String> urls = new ArrayList<>();
			for (int k = 0; k < count; k++) {
				if (sharing && k == count - 1) {
					urls.add(S3_URL + liveKeys.get(shared++ % L));
				}
				else {
					String key = PREFIXES.get(type) + i + "/" + k + ".jpg";
					objectKeys.add(key);
					urls.add(CDN + key);
				}
			}
			documents.get(COLLECTIONS.get(type)).add(due(document(type, "f-" + i, urls)));
			images[type] += count;
		}
		return new DataSet(documents, objectKeys, new TreeSet<>(liveKeys), perType, images, LongStream.of(images).sum(),
				shared);
	}

	/**
	 * A document of the content type with these image URLs, the way the CMS writes it.
	 */
	private static Document document(int type, String id, List<String> urls) {
		return switch (type) {
			case 0 -> gallery(id, urls.toArray(String[]::new));
			case 1 -> article(id, urls.get(0), new ArrayList<Object>(urls.subList(1, urls.size())));
			case 2 -> theaterRelease(id, urls.get(0), (urls.size() > 1) ? urls.get(1) : null);
			default -> ottRelease(id, urls.get(0));
		};
	}

	/** Puts the objects straight into the S3 server's storage, without HTTP. */
	private static void seedS3(EmbeddedS3 server, DataSet data) {
		data.objectKeys()
			.parallelStream()
			.forEach(key -> server.faults()
				.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength(1L).build(),
						new ByteArrayInputStream(new byte[] { 'x' })));
	}

	private static double seed(MongoDatabase cms, EmbeddedS3 server, DataSet data) throws Exception {
		long start = System.nanoTime();
		Set<String> existing = cms.listCollectionNames().into(new TreeSet<>());
		for (String name : COLLECTIONS) {
			MongoCollection<Document> collection = cms.getCollection(name);
			// the in-process server logs an error for a drop of a missing collection
			if (existing.contains(name)) {
				collection.drop();
			}
			List<Document> documents = data.documents().get(name);
			for (int from = 0; from < documents.size(); from += 1000) {
				collection.insertMany(documents.subList(from, Math.min(documents.size(), from + 1000)));
			}
		}
		seedS3(server, data);
		return seconds(start);
	}

	private static Run runNaive(MongoDatabase cms, DataSet data, int round) throws Exception {
		try (EmbeddedS3 server = new EmbeddedS3(BUCKET); S3Client s3 = s3Client(server.endpoint())) {
			double seeding = seed(cms, server, data);
			System.gc();
			long start = System.nanoTime();
			Date cutoff = Date.from(Instant.now().minus(Duration.ofHours(24)));
			long deleteObjects = 0;
			long deleteOnes = 0;
			for (String name : COLLECTIONS) {
				MongoCollection<Document> collection = cms.getCollection(name);
				List<Document> flagged = collection
					.find(Filters.and(Filters.eq("is_deleted", true), Filters.lte("deleted_at", cutoff)))
					.into(new ArrayList<>());
				for (Document document : flagged) {
					for (String url : urls(name, document)) {
						String key = url.startsWith(CDN) ? url.substring(CDN.length()) : url.substring(S3_URL.length());
						s3.deleteObject(request -> request.bucket(BUCKET).key(key));
						deleteObjects++;
					}
					deleteOnes += collection.deleteOne(Filters.eq("_id", document.get("_id"))).getDeletedCount();
				}
			}
			double seconds = seconds(start);
			Set<String> left = server.keys();
			long lostShared = data.liveKeys().stream().filter(key -> !left.contains(key)).count();
			boolean ok = count(cms, true) == 0 && count(cms, false) == L && deleteObjects == data.flaggedImages();
			System.out
				.printf("round %d naive: seeded in %.1f s; purged in %.2f s with %d DeleteObject and %d deleteOne calls; "
						+ "%s; %d shared images that live documents still show were deleted too (the naive way ignores "
						+ "sharing)%n", round, seeding, seconds, deleteObjects, deleteOnes, ok ? "OK" : "FAILED",
						lostShared);
			return new Run(seconds, ok, deleteObjects, -1);
		}
	}

	/**
	 * The raw S3 limit: the keys the job deletes (every flagged key no live document
	 * shows), with DeleteObjects in batches of 1,000, one request at a time as the job
	 * sends them, and no MongoDB work.
	 */
	private static Run runCeiling(DataSet data, int round) throws Exception {
		try (EmbeddedS3 server = new EmbeddedS3(BUCKET); S3Client s3 = s3Client(server.endpoint())) {
			long seedStart = System.nanoTime();
			seedS3(server, data);
			double seeding = seconds(seedStart);
			List<String> keys = data.objectKeys().stream().filter(key -> !data.liveKeys().contains(key)).toList();
			System.gc();
			long start = System.nanoTime();
			long requests = 0;
			long errors = 0;
			for (int from = 0; from < keys.size(); from += 1000) {
				List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000))
					.stream()
					.map(key -> ObjectIdentifier.builder().key(key).build())
					.toList();
				errors += s3
					.deleteObjects(request -> request.bucket(BUCKET).delete(Delete.builder().objects(batch).build()))
					.errors()
					.size();
				requests++;
			}
			double seconds = seconds(start);
			boolean ok = errors == 0 && server.keys().equals(data.liveKeys());
			System.out.printf("round %d ceiling: seeded in %.1f s; deleted %d keys in %.2f s with %d DeleteObjects "
					+ "requests: %s%n", round, seeding, keys.size(), seconds, requests, ok ? "OK" : "FAILED");
			return new Run(seconds, ok, requests, -1);
		}
	}

	private static List<String> urls(String collection, Document document) {
		List<String> urls = new ArrayList<>();
		switch (collection) {
			case "galleries" ->
				document.getList("images", Document.class).forEach(image -> urls.add(image.getString("url")));
			case "articles" -> {
				urls.add(document.getString("image"));
				document.getList("image_gallery", Object.class).forEach(entry -> urls.add((String) entry));
			}
			case "theater_releases" -> {
				urls.add(document.getString("movie_image"));
				urls.add(document.getString("movie_banner"));
			}
			default -> urls.add(document.getString("movie_image"));
		}
		urls.removeIf(Objects::isNull);
		return urls;
	}

	private static Run runJob(EmbeddedMongo mongo, MongoDatabase cms, DataSet data, int round, String logLevel)
			throws Exception {
		try (EmbeddedS3 server = new EmbeddedS3(BUCKET); S3Client s3 = s3Client(server.endpoint())) {
			double seeding = seed(cms, server, data);
			String[] args = { "--spring.mongodb.uri=" + mongo.uri("cms"),
					"--spring.datasource.url=jdbc:h2:mem:bench-" + round + ";DB_CLOSE_DELAY=-1",
					"--media-purge.s3.bucket=" + BUCKET, "--media-purge.s3.endpoint=" + server.endpoint(),
					"--media-purge.s3.path-style=true", "--media-purge.s3.public-base-urls=" + CDN,
					"--media-purge.s3.delete.max-keys-per-second=0",
					// the benchmark purges nearly everything on purpose: no blast-radius
					// guard
					"--media-purge.guard.max-share=1.0", "--media-purge.guard.max-documents=1000000000",
					"--logging.level.root=" + logLevel, "--logging.level.io.mediapurge=" + logLevel };
			System.gc();
			long heapBefore = usedHeap();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long start = System.nanoTime();
			List<String> allArgs = new ArrayList<>(List.of(args));
			allArgs.addAll(List.of(jobArgs));
			LiveHeap liveHeap = LiveHeap.watch();
			int exitCode = MediaPurgeApplication.run(allArgs.toArray(String[]::new));
			long liveAfterGc = liveHeap.finish();
			double seconds = seconds(start);
			long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.mapToLong(pool -> pool.getPeakUsage().getUsed())
				.sum();
			Set<String> left = server.keys();
			long flaggedLeft = count(cms, true);
			long liveLeft = count(cms, false);
			long unsharedLeft = left.stream().filter(key -> !data.liveKeys().contains(key)).count();
			boolean ok = exitCode == 0 && flaggedLeft == 0 && liveLeft == L && left.equals(data.liveKeys());
			System.out
				.printf("round %d job:   seeded in %.1f s; ran in %.2f s, exit code %d; flagged documents left %d, live "
						+ "left %d; unshared images left %d; images of live documents kept %d of %d (%d shared): %s%n",
						round, seeding, seconds, exitCode, flaggedLeft, liveLeft, unsharedLeft,
						left.size() - unsharedLeft, L, Math.min(data.shared(), L), ok ? "OK" : "FAILED");
			long[] requests = new long[1];
			System.out.println("               " + jobRepositoryFigures(round, seconds, requests));
			System.out.printf("               heap: %d MB in use before the run (servers and seeded data), peak %d MB "
					+ "(sum of the heap pools' peaks, garbage included); largest heap left after a GC during the run "
					+ "%d MB, %d MB above the start%n", heapBefore >> 20, peakHeap >> 20, liveAfterGc >> 20,
					(liveAfterGc - heapBefore) >> 20);
			return new Run(seconds, ok, requests[0], Math.max(0, liveAfterGc - heapBefore) >> 20);
		}
	}

	/**
	 * What the job's repository says: the execution and step durations, and the run
	 * summary.
	 */
	/**
	 * Samples the heap left after each garbage collection (all heap pools' collection
	 * usage), the closest thing to the live set this JVM can report.
	 */
	private static final class LiveHeap extends Thread {

		private volatile boolean running = true;

		private volatile long most;

		static LiveHeap watch() {
			LiveHeap watcher = new LiveHeap();
			watcher.setDaemon(true);
			watcher.start();
			return watcher;
		}

		@Override
		public void run() {
			while (this.running) {
				long afterGc = ManagementFactory.getMemoryPoolMXBeans()
					.stream()
					.filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
					.mapToLong(pool -> pool.getCollectionUsage().getUsed())
					.sum();
				this.most = Math.max(this.most, afterGc);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		long finish() throws InterruptedException {
			this.running = false;
			join();
			return this.most;
		}

	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String jobRepositoryFigures(int round, double wall, long[] requests) {
		try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:bench-" + round + ";DB_CLOSE_DELAY=-1",
				"sa", ""); Statement statement = connection.createStatement()) {
			StringBuilder figures = new StringBuilder();
			try (ResultSet rs = statement.executeQuery("SELECT START_TIME, END_TIME FROM BATCH_JOB_EXECUTION")) {
				while (rs.next()) {
					double execution = between(rs, 1, 2);
					figures.append(String.format("job execution %.2f s (start-up and shut-down %.2f s); steps:",
							execution, wall - execution));
				}
			}
			try (ResultSet rs = statement.executeQuery(
					"SELECT STEP_NAME, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID")) {
				while (rs.next()) {
					figures.append(String.format(" %s %.2f s", rs.getString(1), between(rs, 2, 3)));
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT SUM(DOCUMENTS_PURGED), SUM(IMAGES_DELETED), "
					+ "SUM(IMAGES_SHARED), SUM(S3_REQUESTS) FROM PURGE_STEP_SUMMARY")) {
				if (rs.next()) {
					requests[0] = rs.getLong(4);
					figures.append(String.format("; summary: purged %d, images deleted %d, shared %d, S3 requests %d",
							rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
				}
			}
			return figures.toString();
		}
		catch (SQLException ex) {
			return "(no figures from the job repository: " + ex.getMessage() + ")";
		}
	}

	private static double between(ResultSet rs, int from, int to) throws SQLException {
		return Duration.between(rs.getTimestamp(from).toInstant(), rs.getTimestamp(to).toInstant()).toNanos() / 1e9;
	}

	private static long count(MongoDatabase cms, boolean flagged) {
		return COLLECTIONS.stream()
			.mapToLong(name -> cms.getCollection(name).countDocuments(Filters.eq("is_deleted", flagged)))
			.sum();
	}

	private static S3Client s3Client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
			.httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
			.build();
	}

	private static void printTable(int n, long images, Run[] naive, Run[] ceiling, Run[] job) {
		System.out.println();
		System.out.println("round | naive s images/s req/1k | ceiling s images/s req/1k | job s docs/s images/s req/1k "
				+ "heap MB | job/naive job/ceiling");
		String[] labels = new String[naive.length + 1];
		double[][] columns = new double[13][naive.length];
		for (int r = 0; r < naive.length; r++) {
			double[] row = { naive[r].seconds(), images / naive[r].seconds(), 1000.0 * naive[r].requests() / images,
					ceiling[r].seconds(), images / ceiling[r].seconds(), 1000.0 * ceiling[r].requests() / images,
					job[r].seconds(), n / job[r].seconds(), images / job[r].seconds(),
					1000.0 * job[r].requests() / images, job[r].peakHeapMb(), naive[r].seconds() / job[r].seconds(),
					ceiling[r].seconds() / job[r].seconds() };
			for (int c = 0; c < row.length; c++) {
				columns[c][r] = row[c];
			}
			System.out.println(String.format("%-5d | ", r + 1) + format(row));
		}
		double[] medians = Arrays.stream(columns).mapToDouble(PurgeThroughputBenchmark::median).toArray();
		System.out.println("median| " + format(medians));
		System.out.printf("images/s counts the %d image URLs of the flagged documents for all three (the same "
				+ "denominator, so the ratios are ratios of wall time); req/1k is S3 requests per 1,000 of those URLs. "
				+ "The naive way makes one DeleteObject call per URL (shared ones included), the ceiling deletes the "
				+ "unshared keys with DeleteObjects of 1,000 keys and no MongoDB work, the job (rate limit off) keeps "
				+ "the shared ones. Job seconds include Spring start-up and shut-down; heap MB is the largest heap left after a "
				+ "GC during the job's run minus the heap in use before it (servers and seeded data share this JVM).%n",
				images);
	}

	private static String format(double[] row) {
		return String.format("%7.2f %8.0f %6.1f | %9.2f %8.0f %6.2f | %6.2f %6.0f %8.0f %6.2f %7.0f | %8.2fx %9.2fx",
				row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11],
				row[12]);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
