package io.mediapurge.imagestore;

import java.io.UncheckedIOException;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.mediapurge.imagestore.ImageStoreUnavailableException.Reason;

/**
 * One DeleteObjects request of {@link S3ImageDeleter}, sent, timed
 * ({@value S3ImageDeleter#REQUEST_DURATION}) and its failure sorted: a refusal no retry
 * fixes throws {@link ImageStoreUnavailableException}, a transient one leaves every key's
 * outcome unknown for the deleter to retry, and throttling lowers the prefix's budget.
 */
final class DeleteRequests {

	// the deleter's category, as before this class was split from it, so that log
	// settings and alerts on the throttling line keep working
	private static final Logger logger = LoggerFactory.getLogger(S3ImageDeleter.class);

	/** What an operator checks when S3 refuses the bucket's deletes. */
	static final String CHECK = "Check the bucket name, region, endpoint, credentials and s3:DeleteObject "
			+ "permission.";

	private final S3Client s3;

	private final String bucket;

	private final MeterRegistry meters;

	DeleteRequests(S3Client s3, String bucket, MeterRegistry meters) {
		this.s3 = s3;
		this.bucket = bucket;
		this.meters = meters;
	}

	/**
	 * Sends one request.
	 * @return S3's answer, or {@code null} when a transient failure left every key's
	 * outcome unknown
	 */
	@Nullable DeleteObjectsResponse send(Set<String> pending, @Nullable KeyRateLimiter limiter, String prefix,
			DeleteOutcome outcome) {
		Timer.Sample sample = Timer.start(this.meters);
		String result = "error";
		try {
			DeleteObjectsResponse response = this.s3.deleteObjects(request -> request.bucket(this.bucket)
				.delete(Delete.builder()
					.quiet(false)
					.objects(pending.stream().map(outcome::identifier).toList())
					.build()));
			result = "answered";
			return response;
		}
		catch (S3Exception ex) {
			String code = S3ErrorCodes.code(ex);
			if (S3ErrorCodes.isThrottling(ex.statusCode(), code)) {
				result = "throttled";
				throttled(limiter, prefix, "HTTP " + ex.statusCode() + " " + code);
			}
			if (!S3ErrorCodes.isTransient(ex.statusCode(), code) || outcome.conditionsRefused(code)) {
				throw new ImageStoreUnavailableException(S3ErrorCodes.reason(ex.statusCode(), code),
						"S3 refused DeleteObjects on bucket '" + this.bucket + "': HTTP " + ex.statusCode() + " " + code
								+ " (" + ex.getMessage() + "). " + outcome.check(CHECK),
						ex);
			}
			outcome.unanswered(pending, "HTTP " + ex.statusCode() + " " + code);
			return null;
		}
		catch (SdkClientException ex) {
			if (String.valueOf(ex.getMessage()).startsWith("Unable to load credentials")) {
				throw new ImageStoreUnavailableException(Reason.NO_CREDENTIALS,
						"No AWS credentials: " + ex.getMessage(), ex);
			}
			outcome.unanswered(pending, "client error: " + ex.getMessage());
			return null;
		}
		catch (UncheckedIOException ex) {
			// the SDK's answer for a malformed chunked response: an unknown outcome, so
			// retried
			outcome.unanswered(pending, "unreadable response: " + ex.getMessage());
			return null;
		}
		finally {
			sample.stop(Timer.builder(S3ImageDeleter.REQUEST_DURATION)
				.description("DeleteObjects requests sent, retries included, by outcome: answered (per-key "
						+ "results, errors included), throttled (503/429 for the whole request), error")
				.tag("outcome", result)
				.register(this.meters));
		}
	}

	void throttled(@Nullable KeyRateLimiter limiter, String prefix, String answer) {
		if (limiter != null) {
			limiter.throttled();
			logger.info("S3 throttled deletes on bucket {} under prefix '{}' ({}): now at most {} keys/s there",
					this.bucket, prefix, answer, (long) limiter.rate());
		}
	}

}
