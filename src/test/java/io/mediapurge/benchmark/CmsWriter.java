package io.mediapurge.benchmark;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import io.mediapurge.purge.PurgeFields;

/**
 * The CMS at work while the job runs, in the servers' JVM so that its CPU is not counted
 * as the job's. A given number of times a second it inserts a live document (the content
 * types in turn) with a fresh ObjectId and {@code updated_at} now, showing an image of a
 * live document of the data set and, every other time, an image of a flagged document the
 * job has not purged yet, in one of five URL forms (CDN over https, CDN over http,
 * path-style on the S3 endpoint, {@code s3://}, CDN with a query string). The job must
 * keep every key such a document shows.
 *
 * <p>
 * The flagged document lies at least {@link #AHEAD} documents of its collection past the
 * first one still flagged and never attempted (the job reads in {@code _id} order, which
 * is the data set's order), so the job reaches it chunks after the insert: the
 * references' catch-up before that chunk's deletes must see the new document. The writer
 * finds that first document as a MongoDB with the job's {@code media_purge_due} index
 * would, without scanning: from the one it found last, in the collection's natural order,
 * which is the data set's {@code _id} order (a sorted query scans and sorts the whole
 * collection on the in-process server, holding it against the job's commands). A document
 * written between a chunk's catch-up and its DeleteObjects request is a window the job
 * leaves open by design, and this writer stays out of it.
 */
final class CmsWriter {

	/** How far ahead of the job, in documents of the collection, a shown image lies. */
	static final int AHEAD = 2_000;

	/** Tags the writer's commands, so the server counts them apart from the job's. */
	static final String COMMENT = "benchmark-cms";

	private static final List<String> ID_FIELDS = List.of("gallery_id", "article_id", "release_id", "release_id");

	private final MongoDatabase cms;

	private final BenchmarkData data;

	private final String endpoint;

	private final long periodNanos;

	private final Thread thread;

	private volatile boolean stopped;

	private final AtomicLong failures = new AtomicLong();

	private volatile String lastFailure = "none";

	/** The writer's documents, by collection. */
	private final Map<String, List<ObjectId>> written = new ConcurrentHashMap<>();

	/** The keys of flagged documents the writer's documents show. */
	private final Set<String> shownKeys = ConcurrentHashMap.newKeySet();

	/** By content type, the first flagged document never attempted, as last found. */
	private final ObjectId[] firstFlagged = new ObjectId[4];

	CmsWriter(MongoDatabase cms, BenchmarkData data, String endpoint, int perSecond) {
		this.cms = cms;
		this.data = data;
		this.endpoint = endpoint;
		this.periodNanos = 1_000_000_000L / perSecond;
		this.thread = new Thread(this::run, "benchmark-cms-writer");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/** Stops writing and waits for the last write. */
	void stop() throws InterruptedException {
		this.stopped = true;
		this.thread.join();
	}

	/** How many of the writer's documents are still there and live. */
	long documentsLeft() {
		return this.written.entrySet()
			.stream()
			.mapToLong(entry -> this.cms.getCollection(entry.getKey())
				.countDocuments(Filters.and(Filters.in("_id", entry.getValue()), Filters.eq("is_deleted", false))))
			.sum();
	}

	long documents() {
		return this.written.values().stream().mapToLong(List::size).sum();
	}

	Set<String> shownKeys() {
		return this.shownKeys;
	}

	String summary() {
		return String.format("cms-documents=%d cms-keys=%d cms-failures=%d cms-last-failure=%s", documents(),
				this.shownKeys.size(), this.failures.get(), this.lastFailure.replace(' ', '_'));
	}

	private void run() {
		long next = System.nanoTime();
		for (int tick = 0; !this.stopped; tick++) {
			try {
				write(tick);
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
				this.lastFailure = ex.toString();
			}
			next += this.periodNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				try {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void write(int tick) {
		int type = tick % 4;
		String collection = BenchmarkData.COLLECTIONS.get(type);
		List<String> urls = new ArrayList<>();
		urls.add(url(BenchmarkData.liveKey((int) ((tick * 7919L) % this.data.l())), tick + 1));
		String shown = (tick % 2 == 0) ? keyAhead(type, tick) : null;
		if (shown != null) {
			urls.add(url(shown, tick / 4));
		}
		String id = "cms-" + tick;
		Document document = switch (type) {
			case 0 -> gallery(id, urls.toArray(String[]::new));
			case 1 -> article(id, urls.get(0), new ArrayList<Object>(urls.subList(1, urls.size())));
			case 2 -> theaterRelease(id, urls.get(0), (urls.size() > 1) ? urls.get(1) : null);
			default -> ottRelease(id, urls.get(urls.size() - 1));
		};
		ObjectId objectId = new ObjectId();
		document.put("_id", objectId);
		document.append("is_deleted", false).append("updated_at", new Date());
		this.cms.getCollection(collection).insertOne(document, new InsertOneOptions().comment(COMMENT));
		this.written.computeIfAbsent(collection, name -> new CopyOnWriteArrayList<>()).add(objectId);
		if (shown != null) {
			this.shownKeys.add(shown);
		}
	}

	/**
	 * A key of a flagged document {@link #AHEAD} to twice as many documents past the
	 * first one of the collection still flagged and never attempted; none near the
	 * collection's end.
	 */
	private String keyAhead(int type, int tick) {
		String idField = ID_FIELDS.get(type);
		Bson flagged = Filters.and(Filters.eq("is_deleted", true), Filters.exists(PurgeFields.ATTEMPTS, false));
		ObjectId from = this.firstFlagged[type];
		Document first = this.cms.getCollection(BenchmarkData.COLLECTIONS.get(type))
			.find((from != null) ? Filters.and(Filters.gte("_id", from), flagged) : flagged)
			.projection(Projections.include(idField))
			.limit(1)
			.comment(COMMENT)
			.first();
		if (first == null || !(first.get(idField) instanceof String name) || !name.startsWith("f-")) {
			return null;
		}
		this.firstFlagged[type] = first.getObjectId("_id");
		// between AHEAD and twice AHEAD documents ahead, so that the shown keys vary
		int target = Integer.parseInt(name.substring(2)) + 4 * (AHEAD + (int) ((tick * 7919L) % AHEAD));
		List<String> keys = (target < this.data.n()) ? this.data.ownKeys(target) : List.of();
		return keys.isEmpty() ? null : keys.get(tick % keys.size());
	}

	/** The key in one of five URL forms, by {@code form % 5}. */
	private String url(String key, int form) {
		return switch (form % 5) {
			case 0 -> BenchmarkData.CDN + key;
			case 1 -> BenchmarkData.CDN.replace("https:", "http:") + key;
			case 2 -> this.endpoint + "/" + BenchmarkData.BUCKET + "/" + key;
			case 3 -> BenchmarkData.S3_URL + key;
			default -> BenchmarkData.CDN + key + "?w=200";
		};
	}

}
