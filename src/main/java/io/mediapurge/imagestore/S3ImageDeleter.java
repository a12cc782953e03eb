package io.mediapurge.imagestore;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Error;

import io.mediapurge.imagestore.DeleteReport.KeyFailure;
import io.mediapurge.imagestore.ImageStoreUnavailableException.Reason;

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
 * legal hold) fails that key only, as does a key no request body can name
 * ({@link XmlKeys}), which is never sent. A whole-request refusal that no retry fixes
 * (403, {@code NoSuchBucket}, bad credentials) throws
 * {@link ImageStoreUnavailableException}. A key is reported deleted only when the
 * response names it as deleted: a response that is silent about a key is an unknown
 * outcome, retried.
 *
 * <p>
 * Every request, retries included, first waits for the budget of its prefix
 * ({@link KeyBudgets}, when {@code max-keys-per-second} is set): the keys sent under one
 * prefix never exceed that rate in any second, and a SlowDown or 503 answer lowers that
 * prefix's rate until S3 stops throttling it. S3 limits deletes per partitioned prefix,
 * so the keys are grouped by prefix and each request carries the keys of one prefix only:
 * a SlowDown then names the prefix to slow down, and one busy prefix never holds back
 * another's keys. Once a request's budget lets it go, the caller's {@link SendCheck} may
 * still withhold keys that must stay after all.
 */
public class S3ImageDeleter {

	private static final Logger logger = LoggerFactory.getLogger(S3ImageDeleter.class);

	private final String bucket;

	private final S3Properties.Delete settings;

	private final @Nullable KeyBudgets budgets;

	private final int keysPerRequest;

	private final DeleteRequests requests;

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
		this.bucket = properties.bucket();
		this.requests = new DeleteRequests(s3, this.bucket, meters);
		this.settings = properties.delete();
		int perSecond = this.settings.maxKeysPerSecond();
		this.keysPerRequest = (perSecond > 0) ? Math.min(this.settings.maxKeysPerRequest(), perSecond)
				: this.settings.maxKeysPerRequest();
		this.budgets = (perSecond > 0)
				? new KeyBudgets(budgetPrefixes(properties), perSecond, this.keysPerRequest, ticker) : null;
	}

	/** The bucket deletes go to. */
	public String bucket() {
		return this.bucket;
	}

	/**
	 * The prefixes that get a budget each: {@code delete.budget-prefixes}, or else the
	 * {@code key-prefixes} (none: one budget for the bucket).
	 */
	static List<String> budgetPrefixes(S3Properties properties) {
		return properties.delete().budgetPrefixes().isEmpty() ? properties.keyPrefixes()
				: properties.delete().budgetPrefixes();
	}

	/** The budgets per prefix, or {@code null} when the rate is not limited. */
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
		return delete(keys, SendCheck.NONE);
	}

	/**
	 * Deletes the keys, asking {@code check} right before each request (retries included)
	 * which of its keys must stay after all.
	 * @param keys the keys, without duplicates
	 * @param check asked before each request, once its budget let it go
	 * @return which keys are confirmed deleted, which failed, and which were withheld
	 * @throws ImageStoreUnavailableException when S3 refuses a request outright
	 */
	public DeleteReport delete(Collection<String> keys, SendCheck check) {
		return delete(keys, Map.of(), check);
	}

	/**
	 * As {@link #delete(Collection, Map, SendCheck, Consumer)}, with nothing to record
	 * when a request cannot go.
	 */
	public DeleteReport delete(Collection<String> keys, Map<String, String> eTags, SendCheck check) {
		return delete(keys, eTags, check, partial -> {
		});
	}

	/**
	 * As {@link #delete(Collection, SendCheck)}, each key of {@code eTags} only while it
	 * still has that ETag: S3 keeps a changed key and answers it
	 * {@value DeleteReport#PRECONDITION_FAILED} ({@link DeleteReport#changed()}). When a
	 * request cannot go (the check refused it, S3 unavailable) after earlier ones deleted
	 * keys, {@code beforeFailing} gets the report so far before the exception leaves.
	 * @return as {@link #delete(Collection, SendCheck)}
	 */
	public DeleteReport delete(Collection<String> keys, Map<String, String> eTags, SendCheck check,
			Consumer<DeleteReport> beforeFailing) {
		DeleteOutcome outcome = new DeleteOutcome(eTags);
		List<String> all = outcome.sendable(keys);
		Map<String, List<String>> groups = (this.budgets != null) ? this.budgets.byPrefix(all) : Map.of("", all);
		try {
			groups.forEach((prefix, group) -> {
				KeyRateLimiter limiter = (this.budgets != null) ? this.budgets.limiter(prefix) : null;
				for (int from = 0; from < group.size(); from += this.keysPerRequest) {
					List<String> batch = group.subList(from, Math.min(group.size(), from + this.keysPerRequest));
					deleteBatch(batch, limiter, prefix, check, outcome);
				}
			});
		}
		catch (RuntimeException ex) {
			DeleteReport partial = outcome.report();
			if (!partial.deleted().isEmpty()) {
				try {
					beforeFailing.accept(partial);
				}
				catch (RuntimeException recordFailure) {
					// the request's own failure is what the caller must see
					ex.addSuppressed(recordFailure);
				}
			}
			throw ex;
		}
		return outcome.report();
	}

	private void deleteBatch(List<String> batch, @Nullable KeyRateLimiter limiter, String prefix, SendCheck check,
			DeleteOutcome outcome) {
		BackOffExecution backOff = DeleteBackOff.start(this.settings);
		Set<String> pending = new LinkedHashSet<>(batch);
		boolean answered = false;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			answered = attemptOnce(pending, attempt > 1, limiter, prefix, check, outcome);
			if (pending.isEmpty()) {
				return;
			}
			if (attempt >= this.settings.maxAttempts()) {
				break;
			}
			long wait = backOff.nextBackOff();
			logger.debug("Retrying {} keys of bucket {} in {} ms (attempt {} of {})", pending.size(), this.bucket, wait,
					attempt + 1, this.settings.maxAttempts());
			DeleteBackOff.sleep(wait);
		}
		if (!answered) {
			// the last request got no answer that settled any key: S3 itself is down or
			// unreachable, which is no document's fault
			throw new ImageStoreUnavailableException(Reason.UNAVAILABLE,
					"S3 did not answer DeleteObjects on bucket '" + this.bucket + "' after "
							+ this.settings.maxAttempts() + " attempts (last: "
							+ outcome.lastTransient(pending.iterator().next()) + "). Check that the endpoint "
							+ "is reachable and up; nothing of the chunk was hard-deleted, restart once S3 answers.");
		}
		for (String key : pending) {
			outcome.failed(key, new KeyFailure(DeleteReport.TRANSIENT_EXHAUSTED,
					"no success after " + this.settings.maxAttempts() + " attempts: " + outcome.lastTransient(key)));
		}
	}

	/**
	 * Waits for the budget, asks the check, and sends one request for the pending keys it
	 * did not withhold, moving each key the answer settles out of {@code pending}.
	 * @return whether S3 answered about at least one key (deleted, or a per-key error),
	 * or nothing was left to send
	 */
	private boolean attemptOnce(Set<String> pending, boolean retry, @Nullable KeyRateLimiter limiter, String prefix,
			SendCheck check, DeleteOutcome outcome) {
		KeyRateLimiter.Permit permit = (limiter != null) ? limiter.acquire(pending.size()) : null;
		try {
			outcome.withhold(pending, check);
			if (pending.isEmpty()) {
				return true;
			}
			outcome.sending(pending, retry);
			DeleteObjectsResponse response = this.requests.send(pending, limiter, prefix, outcome);
			if (response == null) {
				return false;
			}
			DeleteOutcome.Answer answer = outcome.read(response, pending);
			S3Error storeWide = (answer != null) ? answer.storeWide() : null;
			if (storeWide != null) {
				String code = String.valueOf(storeWide.code());
				throw new ImageStoreUnavailableException(S3ErrorCodes.reason(0, code), "S3 refused deleting in bucket '"
						+ this.bucket + "': " + code + " (" + storeWide.message() + "). " + DeleteRequests.CHECK);
			}
			if (answer != null && answer.throttled()) {
				this.requests.throttled(limiter, prefix, "per-key SlowDown");
			}
			return answer != null;
		}
		finally {
			if (permit != null) {
				limiter.release(permit);
			}
		}
	}

}
