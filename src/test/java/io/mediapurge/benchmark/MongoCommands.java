package io.mediapurge.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;

/**
 * Counts the MongoDB commands the job's client sends, by command name, and sums the time
 * the driver waited for their answers (succeeded and failed ones alike).
 */
final class MongoCommands implements CommandListener {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final LongAdder nanos = new LongAdder();

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		record(event.getCommandName(), event.getElapsedTime(TimeUnit.NANOSECONDS));
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		record(event.getCommandName() + "(failed)", event.getElapsedTime(TimeUnit.NANOSECONDS));
	}

	private void record(String name, long elapsed) {
		this.counts.computeIfAbsent(name, key -> new LongAdder()).increment();
		this.nanos.add(elapsed);
	}

	/**
	 * @return commands by name, in name order
	 */
	Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		this.counts.forEach((name, count) -> counts.put(name, count.sum()));
		return counts;
	}

	long total() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	double seconds() {
		return this.nanos.sum() / 1e9;
	}

}
