package io.mediapurge.imagestore;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The waits between attempts of one DeleteObjects request: exponential from
 * {@code initial-backoff}, doubled each time up to {@code max-backoff}, with jitter of
 * half the first wait so that steps throttled together do not retry together.
 */
final class DeleteBackOff {

	private DeleteBackOff() {
	}

	static BackOffExecution start(S3Properties.Delete settings) {
		ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(settings.maxBackoff().toMillis());
		backOff.setJitter(settings.initialBackoff().toMillis() / 2);
		return backOff.start();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while backing off from S3", ex);
		}
	}

}
