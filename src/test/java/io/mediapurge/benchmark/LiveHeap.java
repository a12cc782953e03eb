package io.mediapurge.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/**
 * Samples the heap left after each garbage collection (all heap pools' collection usage),
 * the closest thing to the live set this JVM can report.
 */
final class LiveHeap extends Thread {

	private volatile boolean running = true;

	private volatile long most;

	private LiveHeap() {
		super("live-heap-sampler");
		setDaemon(true);
	}

	static LiveHeap watch() {
		LiveHeap watcher = new LiveHeap();
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

	/**
	 * @return the largest heap left after a GC while it watched, in bytes
	 */
	long finish() throws InterruptedException {
		this.running = false;
		join();
		return this.most;
	}

	/** The heap in use now, garbage included, in bytes. */
	static long used() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
