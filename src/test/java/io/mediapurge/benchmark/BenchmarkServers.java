package io.mediapurge.benchmark;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.h2.tools.Server;

import io.mediapurge.benchmark.nio2blob.RoomyTransientBlobStore;
import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.FaultInjectingBlobStore;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The child JVM of the benchmark: the in-process MongoDB server, the S3 server and an H2
 * TCP server for the job repository, so that the benchmark's JVM holds only the job. The
 * S3 server lists from an index of the keys ({@link ListingIndexBlobStore}). Started by
 * {@link ServersProcess} with the arguments N M L and {@code fresh} or {@code aged} (the
 * data set's dates, {@link BenchmarkData}); it prints
 * {@code READY mongo=<uri> s3=<endpoint> h2=<url prefix>} on stdout, then answers each
 * command line on stdin with one line, {@code OK key=value ...} or {@code ERROR message}:
 * <ul>
 * <li>{@code SEED}: drops and re-inserts the four collections, empties and refills the
 * bucket;
 * <li>{@code SEED-S3}: empties and refills the bucket only;
 * <li>{@code CHECK}: counts flagged and live documents, objects and live objects in the
 * bucket, and the DeleteObjects requests served since the last seed; after a CMS writer
 * ran, also how many of its documents are left and how many of the flagged documents'
 * keys they show are still in the bucket;
 * <li>{@code CMS-START W}: starts a {@link CmsWriter} writing W documents a second;
 * {@code CMS-STOP} stops it and says what it wrote;
 * <li>{@code NETWORK s3FixedMicros s3PerKeyMicros mongoMicros s3KeysPerSecondPerPrefix}:
 * sets the network profile ({@link NetworkProfile}) the servers answer with from now on;
 * <li>{@code STATS}: what the servers counted since the last seed: SlowDown answers, keys
 * deleted per second (over the first minute of deletes and over all of them) and, by
 * MongoDB command purpose, {@code commands/examined/indexed}
 * ({@link ExaminingMongoBackend});
 * <li>{@code SWEEP-SEED O D P} and {@code SWEEP-CHECK O D P}: seeds the orphan sweep's
 * data set ({@link SweepData}) and checks the bucket after an apply
 * ({@link SweepStores});
 * <li>{@code QUIT}: stops.
 * </ul>
 * Seeding writes straight into the stores ({@code insertMany} of 1,000 documents, and the
 * blob store's {@code putBlob}, no HTTP). It exits at the end of stdin and when its
 * parent process ends, so it never outlives the benchmark.
 */
public final class BenchmarkServers {

	/**
	 * Threads serving the MongoDB connections, more than the job's steps, their threads
	 * and the CMS writer ever hold at once.
	 */
	private static final int MONGO_CONNECTION_THREADS = 64;

	private final BenchmarkData data;

	private final MongoDatabase cms;

	private final FaultInjectingBlobStore store;

	private final NetworkBlobStore network;

	private final ExaminingMongoBackend mongo;

	private final SweepStores sweep;

	private final String s3Endpoint;

	/** The CMS writer of the last run, if any: {@code CHECK} checks what it wrote. */
	private CmsWriter writer;

	private BenchmarkServers(BenchmarkData data, MongoDatabase cms, FaultInjectingBlobStore store,
			NetworkBlobStore network, ExaminingMongoBackend mongo, SweepStores sweep, String s3Endpoint) {
		this.data = data;
		this.cms = cms;
		this.store = store;
		this.network = network;
		this.mongo = mongo;
		this.sweep = sweep;
		this.s3Endpoint = s3Endpoint;
	}

	public static void main(String[] args) throws Exception {
		// stdout carries the protocol; everything else (logs) goes to stderr
		PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		System.setOut(System.err);
		ProcessHandle.current()
			.parent()
			.ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
		BenchmarkData data = new BenchmarkData(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
				Integer.parseInt(args[2]), args[3].equals("fresh"));
		Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		ExaminingMongoBackend backend = new ExaminingMongoBackend();
		NetworkBlobStore[] network = new NetworkBlobStore[1];
		RoomyTransientBlobStore blobs = new RoomyTransientBlobStore();
		// a thread per connection of the job's pool and the CMS writer: the network
		// profile's
		// delay holds a thread, and connections sharing one would wait for each other's
		try (EmbeddedMongo mongo = new EmbeddedMongo(backend, MONGO_CONNECTION_THREADS);
				EmbeddedS3 s3 = new EmbeddedS3(BenchmarkData.BUCKET, new ListingIndexBlobStore(blobs),
						store -> network[0] = new NetworkBlobStore(store));
				MongoClient client = MongoClients.create(mongo.uri(BenchmarkData.DATABASE))) {
			MongoDatabase cms = client.getDatabase(BenchmarkData.DATABASE);
			BenchmarkServers servers = new BenchmarkServers(data, cms, s3.faults(), network[0], backend,
					new SweepStores(cms, s3.faults(), blobs.root(), s3.endpoint().toString()),
					s3.endpoint().toString());
			protocol.printf("READY mongo=%s s3=%s h2=jdbc:h2:tcp://127.0.0.1:%d/mem:%n",
					mongo.uri(BenchmarkData.DATABASE), s3.endpoint(), h2.getPort());
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null && !line.trim().equals("QUIT"); line = in.readLine()) {
				protocol.println(servers.answer(line.trim()));
			}
			protocol.println("OK bye");
		}
		finally {
			h2.stop();
		}
		System.exit(0);
	}

	private String answer(String command) {
		try {
			if (command.startsWith("NETWORK ")) {
				return network(command.substring("NETWORK ".length()).trim().split(" +"));
			}
			if (command.startsWith("SWEEP-")) {
				return sweep(command.split(" +"));
			}
			if (command.startsWith("CMS-START ")) {
				return cmsStart(Integer.parseInt(command.substring("CMS-START ".length()).trim()));
			}
			return switch (command) {
				case "STATS" -> stats();
				case "SEED" -> seed(true);
				case "SEED-S3" -> seed(false);
				case "CHECK" -> check();
				case "CMS-STOP" -> cmsStop();
				default -> "ERROR unknown command " + command;
			};
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			return "ERROR " + ex.toString().replace('\n', ' ');
		}
	}

	private String cmsStart(int perSecond) {
		if (this.writer != null) {
			throw new IllegalStateException("a CMS writer was started already since the last seed");
		}
		this.writer = new CmsWriter(this.cms, this.data, this.s3Endpoint, perSecond);
		this.writer.start();
		return "OK cms-writer=started";
	}

	private String cmsStop() {
		if (this.writer == null) {
			return "OK cms-documents=0 cms-keys=0 cms-failures=0";
		}
		try {
			this.writer.stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping the CMS writer", ex);
		}
		return "OK " + this.writer.summary();
	}

	private String network(String[] figures) {
		NetworkProfile profile = new NetworkProfile("set", Long.parseLong(figures[0]), Long.parseLong(figures[1]),
				Long.parseLong(figures[2]), Integer.parseInt(figures[3]));
		this.network.profile(profile);
		this.mongo.delayMicros(profile.mongoMicros());
		return "OK network=" + profile.toString().replace(' ', '_');
	}

	private String sweep(String[] words) {
		SweepData data = new SweepData(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
				Integer.parseInt(words[3]));
		if (words[0].equals("SWEEP-CHECK")) {
			return "OK " + this.sweep.check(data);
		}
		long start = System.nanoTime();
		String seeded = this.sweep.seed(data);
		this.network.reset();
		this.mongo.reset();
		return String.format("OK seconds=%.2f %s", (System.nanoTime() - start) / 1e9, seeded);
	}

	private String stats() {
		long[] seconds = this.network.keysPerSecond();
		long all = 0;
		long firstMinute = 0;
		for (int i = 0; i < seconds.length; i++) {
			all += seconds[i];
			firstMinute += (i < 60) ? seconds[i] : 0;
		}
		StringBuilder reply = new StringBuilder(String.format(
				"OK slowdowns=%d delete-seconds=%d keys-per-second=%.0f keys-per-second-first-minute=%.0f "
						+ "delete-span-seconds=%.3f list-requests=%d",
				this.network.slowDowns(), seconds.length, (seconds.length == 0) ? 0.0 : (double) all / seconds.length,
				(seconds.length == 0) ? 0.0 : (double) firstMinute / Math.min(60, seconds.length),
				this.network.deleteSpanSeconds(), this.network.listRequests()));
		this.mongo.figures()
			.forEach((purpose, figures) -> reply.append(" mongo.").append(purpose).append('=').append(figures));
		this.mongo.handlerMillis()
			.forEach((purpose, millis) -> reply.append(" mongo-handler.").append(purpose).append('=').append(millis));
		return reply.toString();
	}

	private String seed(boolean documents) {
		if (this.writer != null) {
			cmsStop();
			this.writer = null;
		}
		long start = System.nanoTime();
		long inserted = documents ? seedMongo() : 0;
		long objects = seedS3();
		this.network.reset();
		this.mongo.reset();
		return String.format("OK seconds=%.2f documents=%d objects=%d", (System.nanoTime() - start) / 1e9, inserted,
				objects);
	}

	private long seedMongo() {
		Set<String> existing = this.cms.listCollectionNames().into(new TreeSet<>());
		Instant now = Instant.now();
		long inserted = 0;
		for (int type = 0; type < 4; type++) {
			String name = BenchmarkData.COLLECTIONS.get(type);
			MongoCollection<Document> collection = this.cms.getCollection(name);
			// the in-process server logs an error for a drop of a missing collection
			if (existing.contains(name)) {
				collection.drop();
			}
			List<Document> batch = new ArrayList<>(1000);
			Iterator<Document> documents = Stream
				.concat(this.data.liveDocuments(type, now), this.data.flaggedDocuments(type, now))
				.iterator();
			while (documents.hasNext()) {
				batch.add(documents.next());
				if (batch.size() == 1000 || !documents.hasNext()) {
					collection.insertMany(batch);
					inserted += batch.size();
					batch.clear();
				}
			}
		}
		return inserted;
	}

	private long seedS3() {
		this.store.reset();
		this.store.deleteContainer(BenchmarkData.BUCKET);
		this.store.createContainer(BenchmarkData.BUCKET);
		IntStream.range(0, this.data.l()).parallel().forEach(j -> put(BenchmarkData.liveKey(j)));
		IntStream.range(0, this.data.n()).parallel().forEach(i -> this.data.ownKeys(i).forEach(this::put));
		return this.data.objects();
	}

	private void put(String key) {
		this.store.putBlob(PutObjectRequest.builder().bucket(BenchmarkData.BUCKET).key(key).contentLength(1L).build(),
				new ByteArrayInputStream(new byte[] { 'x' }));
	}

	private String check() {
		long flagged = count(true);
		long live = count(false);
		long objects = 0;
		long liveObjects = 0;
		Set<String> shown = (this.writer != null) ? this.writer.shownKeys() : Set.of();
		long shownKept = 0;
		ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(BenchmarkData.BUCKET).build();
		while (true) {
			ListObjectsV2Response page = this.store.list(request);
			objects += page.contents().size();
			liveObjects += page.contents().stream().filter(object -> this.data.isLiveKey(object.key())).count();
			shownKept += page.contents().stream().filter(object -> shown.contains(object.key())).count();
			if (page.nextContinuationToken() == null) {
				break;
			}
			request = request.toBuilder().continuationToken(page.nextContinuationToken()).build();
		}
		List<List<String>> requests = this.store.deleteRequests();
		long cmsLeft = (this.writer == null) ? 0 : this.writer.documentsLeft();
		return String.format(
				"OK flagged=%d live=%d objects=%d live-objects=%d delete-requests=%d delete-keys=%d "
						+ "cms-documents-left=%d cms-keys=%d cms-keys-kept=%d",
				flagged, live, objects, liveObjects, requests.size(), requests.stream().mapToLong(List::size).sum(),
				cmsLeft, shown.size(), shownKept);
	}

	private long count(boolean flagged) {
		return BenchmarkData.COLLECTIONS.stream()
			.mapToLong(name -> this.cms.getCollection(name).countDocuments(Filters.eq("is_deleted", flagged)))
			.sum();
	}

}
