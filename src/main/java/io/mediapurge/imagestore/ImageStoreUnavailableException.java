package io.mediapurge.imagestore;

/**
 * The store failed as a whole, not one key: S3 refused a request for a reason no retry
 * can fix (bad credentials, access denied to the bucket, no such bucket, wrong region),
 * or did not answer at all within the retries (the endpoint down, every answer lost or
 * unreadable). The step that met it fails at once, restartable; nothing of its current
 * chunk is hard-deleted, and no document counts it as a failed attempt.
 */
public class ImageStoreUnavailableException extends RuntimeException {

	/** Why, as a short stable code. */
	public enum Reason {

		/** The bucket does not exist (a misspelt name, another region or account). */
		NO_SUCH_BUCKET,

		/** The credentials may not delete in the bucket, or are not valid. */
		ACCESS_DENIED,

		/** No credentials were found. */
		NO_CREDENTIALS,

		/** Another refusal no retry fixes. */
		REFUSED,

		/** No usable answer within the retries: the store is down or unreachable. */
		UNAVAILABLE

	}

	private final Reason reason;

	public ImageStoreUnavailableException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public ImageStoreUnavailableException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * @return why the store is unavailable
	 */
	public Reason reason() {
		return this.reason;
	}

}
