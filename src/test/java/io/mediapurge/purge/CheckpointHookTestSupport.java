package io.mediapurge.purge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * Base of the purge tests that act at the job's checkpoints ({@link PurgeCheckpoints}):
 * the application with a {@link Hook} each test arms, disarmed after each test.
 */
@Import(CheckpointHookTestSupport.Hooks.class)
abstract class CheckpointHookTestSupport extends PurgeIntegrationTestSupport {

	@Autowired
	protected Hook hook;

	@AfterEach
	void disarm() {
		this.hook.action = null;
	}

	/** What the test does at a checkpoint's n-th passage (counted per checkpoint). */
	interface Action {

		void at(Checkpoint checkpoint, int passage);

	}

	/** The job's checkpoints hook, armed by each test. */
	static final class Hook implements PurgeCheckpoints {

		volatile Action action;

		private final Map<Checkpoint, AtomicInteger> passages = new ConcurrentHashMap<>();

		void arm(Action action) {
			this.passages.clear();
			this.action = action;
		}

		@Override
		public void reached(Checkpoint checkpoint) {
			Action armed = this.action;
			if (armed != null) {
				armed.at(checkpoint,
						this.passages.computeIfAbsent(checkpoint, c -> new AtomicInteger()).incrementAndGet());
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		Hook purgeCheckpoints() {
			return new Hook();
		}

	}

}
