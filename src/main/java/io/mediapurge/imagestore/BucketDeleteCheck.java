package io.mediapurge.imagestore;

import java.util.List;

import io.mediapurge.imagestore.DeleteReport.KeyFailure;
import io.mediapurge.imagestore.ImageStoreUnavailableException.Reason;

/**
 * Checks, before anything is deleted, that the bucket exists and accepts deletes from
 * these credentials, with the one permission the job needs anyway: a DeleteObjects
 * request for a key that cannot exist. Deleting an absent key succeeds; a wrong bucket
 * answers {@code NoSuchBucket}, missing permission {@code AccessDenied}. On a versioned
 * bucket the request leaves a delete marker on that one key, nothing else.
 */
public class BucketDeleteCheck {

	/** The key checked, under the first of {@code key-prefixes} when some are set. */
	public static final String KEY = "media-purge-check/this-key-never-exists";

	private final S3ImageDeleter deleter;

	private final String key;

	public BucketDeleteCheck(S3ImageDeleter deleter, S3Properties properties) {
		this.deleter = deleter;
		// inside the prefixes a bucket policy may limit deletes to
		this.key = (properties.keyPrefixes().isEmpty() ? "" : properties.keyPrefixes().get(0)) + KEY;
	}

	/**
	 * @return the key a check deletes
	 */
	public String key() {
		return this.key;
	}

	/**
	 * @throws ImageStoreUnavailableException when the bucket cannot be purged, with one
	 * message that says why
	 */
	public void check() {
		String bucket = this.deleter.bucket();
		DeleteReport report;
		try {
			report = this.deleter.delete(List.of(this.key));
		}
		catch (ImageStoreUnavailableException ex) {
			throw new ImageStoreUnavailableException(ex.reason(), "The bucket '" + bucket + "' cannot be purged: "
					+ describe(ex.reason()) + " Nothing was deleted. (" + ex.getMessage() + ")", ex);
		}
		KeyFailure failure = report.failed().get(this.key);
		if (failure != null) {
			Reason reason = "AccessDenied".equals(failure.code()) ? Reason.ACCESS_DENIED : Reason.REFUSED;
			throw new ImageStoreUnavailableException(reason, "The bucket '" + bucket + "' cannot be purged: "
					+ describe(reason) + " Nothing was deleted. (S3 answered " + failure.reason() + ")");
		}
	}

	private static String describe(Reason reason) {
		return switch (reason) {
			case NO_SUCH_BUCKET -> "it does not exist where media-purge.s3.region and media-purge.s3.endpoint point "
					+ "(check media-purge.s3.bucket).";
			case ACCESS_DENIED -> "these credentials may not delete in it (s3:DeleteObject).";
			case NO_CREDENTIALS -> "no AWS credentials were found.";
			case UNAVAILABLE -> "S3 did not answer (check media-purge.s3.endpoint and the network).";
			case REFUSED -> "S3 refused the delete.";
		};
	}

}
