package io.mediapurge.benchmark;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the MongoDB commands the job's client sends, by what they do, and sums the time
 * the driver waited for their answers (succeeded and failed ones alike).
 *
 * <p>
 * What a command does is read off the command itself: {@code update} (the chunk's claim,
 * and blocks), {@code delete} (the chunk's hard delete), a {@code find} whose filter is
 * only {@code _id} (the claim's read-back), a {@code find} of the documents written since
 * a moment (a catch-up of the references: {@code _id} from a value on, or that or a
 * recent time of last write), a {@code find} with another filter (the step's reader) and
 * one without (a pass of the reference index); a {@code getMore} belongs to the
 * {@code find} that opened its cursor. Everything else keeps its command name.
 */
final class MongoCommands implements CommandListener {

	/** The commands a chunk sends, as opposed to those a step or the run sends once. */
	static final Set<String> PER_CHUNK = Set.of("claim", "read-back-find", "hard-delete", "reader-getMore");

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<Integer, String> started = new ConcurrentHashMap<>();

	private final Map<Long, String> cursors = new ConcurrentHashMap<>();

	private final LongAdder nanos = new LongAdder();

	private final Map<String, LongAdder> nanosByPurpose = new ConcurrentHashMap<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		this.started.put(event.getRequestId(), purpose(event.getCommandName(), event.getCommand()));
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		String started = this.started.remove(event.getRequestId());
		String purpose = (started != null) ? started : event.getCommandName();
		BsonDocument cursor = event.getResponse().getDocument("cursor", null);
		// a cursor opened by a find: its getMores do what the find did
		if (purpose.endsWith("-find") && cursor != null && cursor.containsKey("id")
				&& cursor.getNumber("id").longValue() != 0) {
			this.cursors.put(cursor.getNumber("id").longValue(), purpose.replace("-find", ""));
		}
		record(purpose, event.getElapsedTime(TimeUnit.NANOSECONDS));
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		String purpose = this.started.remove(event.getRequestId());
		record(((purpose != null) ? purpose : event.getCommandName()) + "(failed)",
				event.getElapsedTime(TimeUnit.NANOSECONDS));
	}

	private String purpose(String name, BsonDocument command) {
		switch (name) {
			case "update":
				return "claim";
			case "delete":
				return "hard-delete";
			case "find": {
				BsonValue filter = command.get("filter");
				if (filter == null || !filter.isDocument() || filter.asDocument().isEmpty()) {
					return "ref-index-find";
				}
				if (isCatchUp(filter.asDocument())) {
					return "catch-up-find";
				}
				return filter.asDocument().keySet().equals(Set.of("_id")) ? "read-back-find" : "reader-find";
			}
			case "getMore": {
				String origin = this.cursors.get(command.getNumber("getMore").longValue());
				return ((origin != null) ? origin : "other") + "-getMore";
			}
			default:
				return name;
		}
	}

	/**
	 * A catch-up's filter: documents written since a moment, by {@code _id} alone or by
	 * {@code _id} or the time of their last write.
	 */
	private static boolean isCatchUp(BsonDocument filter) {
		if (filter.containsKey("$or")) {
			return true;
		}
		BsonValue id = filter.get("_id");
		return filter.keySet().equals(Set.of("_id")) && id.isDocument()
				&& id.asDocument().keySet().equals(Set.of("$gte"));
	}

	private void record(String purpose, long elapsed) {
		this.counts.computeIfAbsent(purpose, key -> new LongAdder()).increment();
		this.nanos.add(elapsed);
		this.nanosByPurpose
			.computeIfAbsent(purpose.replace("-getMore", "").replace("-find", ""), key -> new LongAdder())
			.add(elapsed);
	}

	/**
	 * @return commands by purpose, in name order
	 */
	Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		this.counts.forEach((name, count) -> counts.put(name, count.sum()));
		return counts;
	}

	/**
	 * @return seconds waited, by purpose (a find and its getMores together), in name
	 * order
	 */
	Map<String, String> secondsByPurpose() {
		Map<String, String> seconds = new TreeMap<>();
		this.nanosByPurpose.forEach((name, nanos) -> seconds.put(name, String.format("%.2f s", nanos.sum() / 1e9)));
		return seconds;
	}

	long total() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	double seconds() {
		return this.nanos.sum() / 1e9;
	}

	/**
	 * Prints, by purpose, what the benchmark's MongoDB server counted and timed (its
	 * {@code mongo.} and {@code mongo-handler.} statistics) beside the time the job
	 * waited.
	 * @param stats the servers' statistics
	 * @param indent the start of each line
	 */
	void printByPurpose(Map<String, String> stats, String indent) {
		System.out.printf("%sMongoDB server, by purpose: commands, documents examined here, documents a MongoDB with "
				+ "the job's indexes would examine; the server's handler: wall and CPU time; time the job waited:%n",
				indent);
		Map<String, String> waited = secondsByPurpose();
		stats.forEach((name, value) -> {
			if (name.startsWith("mongo.")) {
				String purpose = name.substring("mongo.".length());
				String[] counts = value.split("/");
				String[] handler = stats.getOrDefault("mongo-handler." + purpose, "0/0").split("/");
				System.out.printf(
						"%s  %-20s %8s commands %,14d examined here %,12d indexed %8.2f s wall %8.2f s cpu %s%n",
						indent, purpose, counts[0], Long.parseLong(counts[1]), Long.parseLong(counts[2]),
						Long.parseLong(handler[0]) / 1e3, Long.parseLong(handler[1]) / 1e3,
						waited.getOrDefault(purpose.replace("-getMore", "").replace("-find", ""), ""));
			}
		});
	}

}
