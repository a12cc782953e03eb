package io.mediapurge.imagestore;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Deletes objects of the bucket with DeleteObjects, at most 1,000 keys a request.
 *
 * <p>
 * This class owns the retry policy for deletes (the SDK's own retries are off, so that
 * what is retried, how often and with what backoff is decided in one place): transient
 * failures of a whole request (5xx, throttling, timeouts, connection errors, an
 * unreadable response) and transient per-key errors ({@code InternalError},
 * {@code SlowDown}, ...) are retried with exponential backoff and jitter, only for the
 * keys not yet confirmed. A per-key error that no retry fixes ({@code AccessDenied}, a
 * legal hold) fails that key only. A whole-request refusal that no retry fixes (403,
 * {@code NoSuchBucket}, bad credentials) throws {@link ImageStoreUnavailableException}. A
 * key is reported deleted only when the response names it as deleted: a response that is
 * silent about a key is an unknown outcome, retried.
 *
 * <p>
 * Every request, retries included, first waits for the budget of its prefix
 * ({@link KeyBudgets}, when {@code max-keys-per-second} is set): the keys sent under one
 * prefix never exceed that rate in any second, and a SlowDown or 503 answer lowers that
 * prefix's rate until S3 stops throttling it. S3 limits deletes per partitioned prefix,
 * so the keys are grouped by prefix and each request carries the keys of one prefix only:
 * a SlowDown then names the prefix to slow down, and one busy prefix never holds back
 * another's keys.
 */
public class S3ImageDeleter {

	private static final Logger logger = LoggerFactory.getLogger(S3ImageDeleter.class);

	private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable",
			"RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded", "OperationAborted");

	private final S3Client s3;

	private final String bucket;

	/** Answers that mean the request rate is too high. */
	private static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
			"RequestLimitExceeded");

	private final S3Properties.Delete settings;

	private final @Nullable KeyBudgets budgets;

	private final int keysPerRequest;

	private final MeterRegistry meters;

	/** Timer of each DeleteObjects request sent (retries included), by outcome. */
	public static final String REQUEST_DURATION = "media.purge.s3.request.duration";

	public S3ImageDeleter(S3Client s3, S3Properties properties) {
		this(s3, properties, KeyRateLimiter.Ticker.SYSTEM, Metrics.globalRegistry);
	}

	public S3ImageDeleter(S3Client s3, S3Properties properties, MeterRegistry meters) {
		this(s3, properties, KeyRateLimiter.Ticker.SYSTEM, meters);
	}

	S3ImageDeleter(S3Client s3, S3Properties properties, KeyRateLimiter.Ticker ticker) {
		this(s3, properties, ticker, Metrics.globalRegistry);
	}

	S3ImageDeleter(S3Client s3, S3Properties properties, KeyRateLimiter.Ticker ticker, MeterRegistry meters) {
		this.meters = meters;
		this.s3 = s3;
		this.bucket = properties.bucket();
		this.settings = properties.delete();
		int perSecond = this.settings.maxKeysPerSecond();
		this.keysPerRequest = (perSecond > 0) ? Math.min(this.settings.maxKeysPerRequest(), perSecond)
				: this.settings.maxKeysPerRequest();
		this.budgets = (perSecond > 0)
				? new KeyBudgets(budgetPrefixes(properties), perSecond, this.keysPerRequest, ticker) : null;
	}

	/**
	 * The prefixes that get a budget each: {@code delete.budget-prefixes}, or else the
	 * {@code key-prefixes} (none: one budget for the bucket).
	 */
	static List<String> budgetPrefixes(S3Properties properties) {
		return properties.delete().budgetPrefixes().isEmpty() ? properties.keyPrefixes()
				: properties.delete().budgetPrefixes();
	}

	/**
	 * @return the budgets per prefix, or {@code null} when the rate is not limited
	 */
	public @Nullable KeyBudgets budgets() {
		return this.budgets;
	}

	/**
	 * Deletes the keys.
	 * @param keys the keys, without duplicates
	 * @return which keys are confirmed deleted and which failed
	 * @throws ImageStoreUnavailableException when S3 refuses a request outright
	 */
	public DeleteReport delete(Collection<String> keys) {
		Set<String> deleted = new HashSet<>();
		Map<String, String> failed = new HashMap<>();
		int[] counters = new int[2];
		List<String> all = new ArrayList<>(new LinkedHashSet<>(keys));
		Map<String, List<String>> groups = (this.budgets != null) ? this.budgets.byPrefix(all) : Map.of("", all);
		groups.forEach((prefix, group) -> {
			KeyRateLimiter limiter = (this.budgets != null) ? this.budgets.limiter(prefix) : null;
			for (int from = 0; from < group.size(); from += this.keysPerRequest) {
				List<String> batch = group.subList(from, Math.min(group.size(), from + this.keysPerRequest));
				deleteBatch(batch, limiter, prefix, deleted, failed, counters);
			}
		});
		return new DeleteReport(deleted, failed, counters[0], counters[1]);
	}

	private void deleteBatch(List<String> batch, @Nullable KeyRateLimiter limiter, String prefix, Set<String> deleted,
			Map<String, String> failed, int[] counters) {
		BackOffExecution backOff = backOff().start();
		Set<String> pending = new LinkedHashSet<>(batch);
		Map<String, String> lastTransient = new HashMap<>();
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			if (attempt > 1) {
				counters[1] += pending.size();
			}
			counters[0]++;
			attemptOnce(pending, limiter, prefix, deleted, failed, lastTransient);
			if (pending.isEmpty()) {
				return;
			}
			if (attempt >= this.settings.maxAttempts()) {
				break;
			}
			long wait = backOff.nextBackOff();
			logger.debug("Retrying {} keys of bucket {} in {} ms (attempt {} of {})", pending.size(), this.bucket, wait,
					attempt + 1, this.settings.maxAttempts());
			sleep(wait);
		}
		for (String key : pending) {
			failed.put(key, "no success after " + this.settings.maxAttempts() + " attempts: "
					+ lastTransient.getOrDefault(key, "unknown outcome"));
		}
	}

	/**
	 * Sends one request for the pending keys and moves each key it settles out of
	 * {@code pending}.
	 */
	private void attemptOnce(Set<String> pending, @Nullable KeyRateLimiter limiter, String prefix, Set<String> deleted,
			Map<String, String> failed, Map<String, String> lastTransient) {
		DeleteObjectsResponse response;
		KeyRateLimiter.Permit permit = (limiter != null) ? limiter.acquire(pending.size()) : null;
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			response = this.s3.deleteObjects(request -> request.bucket(this.bucket)
				.delete(Delete.builder()
					.quiet(false)
					.objects(pending.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList())
					.build()));
			outcome = "answered";
		}
		catch (S3Exception ex) {
			if (isThrottling(ex.statusCode(), errorCode(ex))) {
				outcome = "throttled";
				throttled(limiter, prefix, "HTTP " + ex.statusCode() + " " + errorCode(ex));
			}
			if (!isTransient(ex.statusCode(), errorCode(ex))) {
				throw new ImageStoreUnavailableException("S3 refused DeleteObjects on bucket '" + this.bucket
						+ "': HTTP " + ex.statusCode() + " " + errorCode(ex) + " (" + ex.getMessage()
						+ "). Check the bucket name, region, endpoint, credentials and s3:DeleteObject permission.",
						ex);
			}
			pending.forEach(key -> lastTransient.put(key, "HTTP " + ex.statusCode() + " " + errorCode(ex)));
			return;
		}
		catch (SdkClientException ex) {
			if (String.valueOf(ex.getMessage()).startsWith("Unable to load credentials")) {
				throw new ImageStoreUnavailableException("No AWS credentials: " + ex.getMessage(), ex);
			}
			pending.forEach(key -> lastTransient.put(key, "client error: " + ex.getMessage()));
			return;
		}
		catch (UncheckedIOException ex) {
			// the SDK's answer for a malformed chunked response: an unknown outcome, so
			// retried
			pending.forEach(key -> lastTransient.put(key, "unreadable response: " + ex.getMessage()));
			return;
		}
		finally {
			if (permit != null) {
				limiter.release(permit);
			}
			sample.stop(Timer.builder(REQUEST_DURATION)
				.description("DeleteObjects requests sent, retries included, by outcome: answered (per-key "
						+ "results, errors included), throttled (503/429 for the whole request), error")
				.tag("outcome", outcome)
				.register(this.meters));
		}
		for (DeletedObject object : response.deleted()) {
			if (pending.remove(object.key())) {
				deleted.add(object.key());
			}
		}
		boolean throttledKeys = false;
		for (S3Error error : response.errors()) {
			if (!pending.contains(error.key())) {
				continue;
			}
			throttledKeys |= THROTTLING_CODES.contains(error.code());
			String reason = error.code() + ((error.message() != null) ? ": " + error.message() : "");
			if (TRANSIENT_CODES.contains(error.code())) {
				lastTransient.put(error.key(), reason);
			}
			else {
				pending.remove(error.key());
				failed.put(error.key(), reason);
			}
		}
		if (throttledKeys) {
			throttled(limiter, prefix, "per-key SlowDown");
		}
		pending.forEach(key -> lastTransient.putIfAbsent(key, "the response did not report this key"));
	}

	private void throttled(@Nullable KeyRateLimiter limiter, String prefix, String answer) {
		if (limiter != null) {
			limiter.throttled();
			logger.info("S3 throttled deletes on bucket {} under prefix '{}' ({}): now at most {} keys/s there",
					this.bucket, prefix, answer, (long) limiter.rate());
		}
	}

	private static boolean isThrottling(int status, String code) {
		return status == 503 || status == 429 || THROTTLING_CODES.contains(code);
	}

	private static boolean isTransient(int status, String code) {
		return status >= 500 || status == 429 || TRANSIENT_CODES.contains(code);
	}

	private static String errorCode(S3Exception ex) {
		return (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorCode() != null)
				? ex.awsErrorDetails().errorCode() : "";
	}

	private ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.initialBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(this.settings.maxBackoff().toMillis());
		backOff.setJitter(this.settings.initialBackoff().toMillis() / 2);
		return backOff;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while backing off from S3", ex);
		}
	}

}
