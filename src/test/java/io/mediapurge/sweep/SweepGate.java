package io.mediapurge.sweep;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.mediapurge.sweep.plan.ApplyOutcome;

/**
 * Breaks an apply at an exact moment: once its {@code n}-th chunk has deleted its keys
 * and written them to the audit log, before the chunk's outcomes commit, as a process
 * dying there would leave it; or acts at each page of a plan's listing.
 */
public class SweepGate implements SweepProgressListener {

	/** Registers the gate as a listener of the sweep. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		SweepGate sweepGate() {
			return new SweepGate();
		}

	}

	private final AtomicInteger chunks = new AtomicInteger();

	private volatile int failAt;

	private volatile int actAt;

	private volatile Runnable action = () -> {
	};

	/** Fails the {@code n}-th chunk applied from now on. */
	public void failAtChunk(int n) {
		this.chunks.set(0);
		this.failAt = n;
	}

	/**
	 * Runs an action on the apply's thread once the {@code n}-th chunk applied from now
	 * on has deleted its keys, inside that chunk's transaction.
	 */
	public void atChunk(int n, Runnable action) {
		this.chunks.set(0);
		this.action = action;
		this.actAt = n;
	}

	/** What a plan's listing does at each page, on the thread that listed it. */
	@FunctionalInterface
	public interface PageAction {

		void listed(String prefix, int objects);

	}

	private volatile PageAction pageAction = (prefix, objects) -> {
	};

	/** Runs an action at every page of a plan's listing, inside the page's chunk. */
	public void onPageListed(PageAction action) {
		this.pageAction = action;
	}

	public void disarm() {
		this.failAt = 0;
		this.actAt = 0;
		this.pageAction = (prefix, objects) -> {
		};
	}

	@Override
	public void pageListed(long planId, String prefix, int objects) {
		this.pageAction.listed(prefix, objects);
	}

	@Override
	public void chunkApplied(long planId, Map<ApplyOutcome, Integer> outcomes) {
		if (this.actAt > 0 && this.chunks.incrementAndGet() == this.actAt) {
			this.actAt = 0;
			this.action.run();
			return;
		}
		if (this.failAt > 0 && this.chunks.incrementAndGet() == this.failAt) {
			this.failAt = 0;
			throw new IllegalStateException("Simulated crash after the deletes of chunk " + this.chunks.get());
		}
	}

}
