package io.mediapurge.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples the heap left after each garbage collection (all heap pools' collection usage),
 * the closest thing to the live set this JVM can report without forcing collections. With
 * a period, it also forces a full collection that often ({@code System.gc()}) and samples
 * the heap in use right after it: the live set, at the price of those collections' time.
 */
final class LiveHeap extends Thread {

	private volatile boolean running = true;

	private volatile long most;

	private volatile long mostLive;

	/** Every live-set sample, in bytes. */
	private final List<Long> liveSamples = new CopyOnWriteArrayList<>();

	private final long forcedGcNanos;

	private LiveHeap(long forcedGcMillis) {
		super("live-heap-sampler");
		setDaemon(true);
		this.forcedGcNanos = forcedGcMillis * 1_000_000;
	}

	static LiveHeap watch() {
		return watch(0);
	}

	/**
	 * @param forcedGcMillis how often to force a full collection and sample the live set;
	 * 0 for never
	 */
	static LiveHeap watch(long forcedGcMillis) {
		LiveHeap watcher = new LiveHeap(forcedGcMillis);
		watcher.start();
		return watcher;
	}

	@Override
	public void run() {
		long lastForced = System.nanoTime();
		while (this.running) {
			if (this.forcedGcNanos > 0 && System.nanoTime() - lastForced >= this.forcedGcNanos) {
				System.gc();
				long live = used();
				this.liveSamples.add(live);
				this.mostLive = Math.max(this.mostLive, live);
				lastForced = System.nanoTime();
			}
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

	/**
	 * @return the largest heap left after a GC while it watched, in bytes
	 */
	long finish() throws InterruptedException {
		this.running = false;
		join();
		return this.most;
	}

	/**
	 * @return the largest heap in use right after a forced full collection, in bytes (0
	 * without forced collections); valid after {@link #finish()}
	 */
	long mostLive() {
		return this.mostLive;
	}

	/**
	 * @return the median of the heap in use right after each forced full collection, in
	 * bytes (0 without forced collections): unlike the largest, it does not grow with the
	 * number of samples a longer run takes; valid after {@link #finish()}
	 */
	long medianLive() {
		List<Long> sorted = this.liveSamples.stream().sorted().toList();
		return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
	}

	/** The heap in use now, garbage included, in bytes. */
	static long used() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
