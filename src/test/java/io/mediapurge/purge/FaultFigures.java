package io.mediapurge.purge;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The figures of the fault suite, summed over its test classes and printed after each of
 * them (the last line printed is the suite's total): scenarios run, faults injected,
 * documents and images checked against the rule that nothing is lost.
 */
public final class FaultFigures implements AfterAllCallback {

	private static final AtomicInteger scenarios = new AtomicInteger();

	private static final AtomicInteger faults = new AtomicInteger();

	private static final AtomicInteger documents = new AtomicInteger();

	private static final AtomicInteger images = new AtomicInteger();

	private static final AtomicInteger lost = new AtomicInteger();

	private static final long started = System.nanoTime();

	/** Counts a scenario and the faults it injected. */
	static void scenario(int faultsInjected) {
		scenarios.incrementAndGet();
		faults.addAndGet(faultsInjected);
	}

	/** Counts documents and images whose end state was checked, and rule violations. */
	static void checked(int documentCount, int imageCount, int violations) {
		documents.addAndGet(documentCount);
		images.addAndGet(imageCount);
		lost.addAndGet(violations);
	}

	static String summary() {
		return String.format(
				"Fault suite: %d scenarios, %d faults injected, %d documents and %d images checked, %d lost (%.1f s)",
				scenarios.get(), faults.get(), documents.get(), images.get(), lost.get(),
				(System.nanoTime() - started) / 1e9);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		System.out.println("[" + context.getDisplayName() + "] " + summary());
	}

}
