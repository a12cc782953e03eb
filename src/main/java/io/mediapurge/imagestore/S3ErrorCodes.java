package io.mediapurge.imagestore;

import java.util.Set;

import software.amazon.awssdk.services.s3.model.S3Exception;

import io.mediapurge.imagestore.ImageStoreUnavailableException.Reason;

/**
 * What S3's answers mean for a delete, decided once: which codes are worth a retry, which
 * mean S3 is throttling, and which say the bucket itself is unusable, whether S3 answers
 * them for the whole request or (as some S3-compatible stores do) for each key.
 */
final class S3ErrorCodes {

	private static final Set<String> TRANSIENT = Set.of("InternalError", "SlowDown", "ServiceUnavailable",
			"RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded", "OperationAborted",
			// a conditional delete raced another write or delete of its key: sent again,
			// it is answered PreconditionFailed, NoSuchKey or deleted
			"ConditionalRequestConflict");

	private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
			"RequestLimitExceeded");

	private static final Set<String> NO_BUCKET = Set.of("NoSuchBucket", "PermanentRedirect",
			"AuthorizationHeaderMalformed", "IllegalLocationConstraintException");

	private static final Set<String> NOT_ALLOWED = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
			"InvalidToken", "TokenRefreshRequired", "AllAccessDisabled", "AccountProblem");

	private S3ErrorCodes() {
	}

	static boolean isTransient(int status, String code) {
		return status >= 500 || status == 429 || TRANSIENT.contains(code);
	}

	static boolean isTransient(String code) {
		return TRANSIENT.contains(code);
	}

	static boolean isThrottling(int status, String code) {
		return status == 503 || status == 429 || THROTTLING.contains(code);
	}

	static boolean isThrottling(String code) {
		return THROTTLING.contains(code);
	}

	/**
	 * @param code a per-key error code
	 * @return whether it is about the bucket or the credentials rather than the key, so
	 * the store as a whole is unusable
	 */
	static boolean isStoreWide(String code) {
		return NO_BUCKET.contains(code) || NOT_ALLOWED.contains(code);
	}

	/**
	 * @param status the HTTP status, or 0 for a per-key answer
	 * @param code S3's error code
	 * @return the reason the store is unusable
	 */
	static Reason reason(int status, String code) {
		if (NO_BUCKET.contains(code) || (status == 404 && code.isEmpty()) || status == 301) {
			return Reason.NO_SUCH_BUCKET;
		}
		if (NOT_ALLOWED.contains(code) || "AccessDenied".equals(code) || status == 403) {
			return Reason.ACCESS_DENIED;
		}
		return Reason.REFUSED;
	}

	static String code(S3Exception ex) {
		return (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorCode() != null)
				? ex.awsErrorDetails().errorCode() : "";
	}

}
