package io.mediapurge.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * The benchmark's MongoDB server: the in-process server's memory backend, which answers
 * each command after the network profile's delay, and counts, by what each command does,
 * the documents it examined (each document checked against a filter) beside what a real
 * MongoDB with the job's indexes would examine:
 * <ul>
 * <li>a command whose filter names {@code _id} values ({@code $in} or one value): the
 * {@code _id} index finds them, so one document per value;
 * <li>the reader's query, served by the {@code media_purge_due} index, which holds only
 * flagged documents in {@code _id} order: the documents it returns;
 * <li>a query without a filter (the reference index's passes): every document, the same
 * on both;
 * <li>anything else (counts, aggregations, index listing): as measured here.
 * </ul>
 * It also times each command inside the server, after the profile's delay: the wall time
 * of the handler (which includes waiting for a collection's lock and for a core) and the
 * handler thread's CPU time, so the time the job waited for an answer can be split into
 * the server's work, the server's waiting and what lies outside the handler (the network
 * profile's delay, the wire, the server's decoding and encoding, the driver).
 *
 * <p>
 * The purposes are those of {@link MongoCommands}, read off each command the same way.
 */
final class ExaminingMongoBackend extends MemoryBackend {

	private static final ThreadLocal<long[]> EXAMINED = new ThreadLocal<>();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private volatile long delayMicros;

	/**
	 * By purpose: commands, examined here, examined by an indexed server, handler wall
	 * nanoseconds, handler CPU nanoseconds.
	 */
	private final Map<String, LongAdder[]> figures = new ConcurrentHashMap<>();

	private final Map<Long, String> cursors = new ConcurrentHashMap<>();

	void delayMicros(long micros) {
		this.delayMicros = micros;
	}

	void reset() {
		this.figures.clear();
		this.cursors.clear();
	}

	/**
	 * @return by purpose: {@code commands/examined/indexed}
	 * @see #handlerMillis()
	 */
	Map<String, String> figures() {
		Map<String, String> figures = new TreeMap<>();
		this.figures.forEach((purpose, counts) -> figures.put(purpose,
				counts[0].sum() + "/" + counts[1].sum() + "/" + counts[2].sum()));
		return figures;
	}

	/**
	 * @return by purpose: {@code wall/cpu}, the milliseconds the server's handler took
	 * for the commands of that purpose, in all, after the profile's delay
	 */
	Map<String, String> handlerMillis() {
		Map<String, String> millis = new TreeMap<>();
		this.figures.forEach((purpose, counts) -> millis.put(purpose,
				counts[3].sum() / 1_000_000 + "/" + counts[4].sum() / 1_000_000));
		return millis;
	}

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		CursorRegistry cursorRegistry = getCursorRegistry();
		return new MemoryDatabase(databaseName, cursorRegistry) {
			@Override
			protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
				return new ExaminedCollection(this, collectionName, options, cursorRegistry);
			}
		};
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		NetworkBlobStore.sleepMicros(this.delayMicros);
		Document command = message.getDocument();
		String name = command.keySet().iterator().next();
		String purpose = purpose(name, command);
		long[] examined = new long[1];
		EXAMINED.set(examined);
		long wallStart = System.nanoTime();
		long cpuStart = THREADS.getCurrentThreadCpuTime();
		Document response;
		try {
			response = super.handleMessage(message);
		}
		finally {
			EXAMINED.remove();
		}
		long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
		long wall = System.nanoTime() - wallStart;
		long returned = returned(purpose, response);
		long indexed = switch (purpose) {
			case "claim", "hard-delete", "read-back-find" -> idValues(name, command);
			case "reader-find", "reader-getMore", "ref-index-find", "ref-index-getMore", "catch-up-find",
					"catch-up-getMore" ->
				returned;
			default -> examined[0];
		};
		LongAdder[] counts = this.figures.computeIfAbsent(purpose, key -> new LongAdder[] { new LongAdder(),
				new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder() });
		counts[0].increment();
		counts[1].add(examined[0]);
		counts[2].add(indexed);
		counts[3].add(wall);
		counts[4].add(cpu);
		return response;
	}

	private String purpose(String name, Document command) {
		if (CmsWriter.COMMENT.equals(command.get("comment"))) {
			return "cms-writer";
		}
		switch (name) {
			case "update":
				return "claim";
			case "delete":
				return "hard-delete";
			case "find": {
				Object filter = command.get("filter");
				if (!(filter instanceof Document document) || document.isEmpty()) {
					return "ref-index-find";
				}
				if (isCatchUp(document)) {
					return "catch-up-find";
				}
				return document.keySet().equals(Set.of("_id")) ? "read-back-find" : "reader-find";
			}
			case "getMore": {
				String origin = this.cursors.get(((Number) command.get("getMore")).longValue());
				return ((origin != null) ? origin : "other") + "-getMore";
			}
			default:
				return name;
		}
	}

	/**
	 * Whether a filter is the catch-up's: the documents written since a moment, by
	 * {@code _id} alone or by {@code $or} of {@code _id} and the date field (the reader's
	 * filter has an {@code $or} too, of {@code deleted_at} conditions).
	 */
	private static boolean isCatchUp(Document filter) {
		if (filter.keySet().equals(Set.of("_id"))) {
			return filter.get("_id") instanceof Document id && id.keySet().equals(Set.of("$gte"));
		}
		return filter.keySet().equals(Set.of("$or")) && filter.get("$or") instanceof List<?> branches
				&& branches.stream().anyMatch(branch -> branch instanceof Document document && isCatchUp(document));
	}

	/** Documents in the answer's batch; remembers which find opened a cursor. */
	private long returned(String purpose, Document response) {
		if (response == null || !(response.get("cursor") instanceof Document cursor)) {
			return 0;
		}
		if (purpose.endsWith("-find") && cursor.get("id") instanceof Number id && id.longValue() != 0) {
			this.cursors.put(id.longValue(), purpose.replace("-find", ""));
		}
		Object batch = cursor.containsKey("firstBatch") ? cursor.get("firstBatch") : cursor.get("nextBatch");
		return (batch instanceof List<?> documents) ? documents.size() : 0;
	}

	/** The {@code _id} values the filters of the command name. */
	private static long idValues(String name, Document command) {
		Object statements = switch (name) {
			case "update" -> command.get("updates");
			case "delete" -> command.get("deletes");
			default -> List.of(new Document("q", command.get("filter")));
		};
		long values = 0;
		if (statements instanceof List<?> list) {
			for (Object statement : list) {
				if (statement instanceof Document document && document.get("q") instanceof Document filter) {
					Object id = filter.get("_id");
					values += (id instanceof Document operators && operators.get("$in") instanceof List<?> in)
							? in.size() : 1;
				}
			}
		}
		return values;
	}

	private static final class ExaminedCollection extends IndexedMemoryCollection {

		ExaminedCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected boolean documentMatchesQuery(Document document, Document query) {
			long[] examined = EXAMINED.get();
			if (examined != null) {
				examined[0]++;
			}
			return super.documentMatchesQuery(document, query);
		}

	}

}
