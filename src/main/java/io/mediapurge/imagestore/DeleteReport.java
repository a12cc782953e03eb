package io.mediapurge.imagestore;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of deleting a set of keys: each key is either confirmed deleted (S3 reports
 * deleting an absent key as a success) or failed with a code and a reason; a key sent
 * with an ETag that it no longer has fails {@value #PRECONDITION_FAILED} (see
 * {@link #changed()}). A failure of the whole store (no answer, no such bucket, refused
 * credentials) is never a key's failure: {@link S3ImageDeleter} throws
 * {@link ImageStoreUnavailableException} instead. A key the caller's {@link SendCheck}
 * withheld right before its request is neither: it was never sent, and stays in the
 * bucket.
 *
 * @param deleted keys S3 confirmed deleted
 * @param failed keys that were not confirmed, each with why
 * @param requests DeleteObjects requests sent, retries included
 * @param retriedKeys key attempts that were retries
 * @param withheld keys the caller's {@link SendCheck} kept back: not sent, still in the
 * bucket
 */
public record DeleteReport(Set<String> deleted, Map<String, KeyFailure> failed, int requests, int retriedKeys,
		Set<String> withheld) {

	/** The code of a key whose transient errors outlasted the retries. */
	public static final String TRANSIENT_EXHAUSTED = "transient-exhausted";

	/**
	 * The code of a key that holds a character XML 1.0 cannot carry: no DeleteObjects
	 * request can name it, so it was never sent.
	 */
	public static final String NOT_XML = "not-xml";

	/**
	 * S3's per-key code for a conditional delete whose key no longer has the ETag it was
	 * sent with: the object changed, and S3 kept it. Never retried.
	 */
	public static final String PRECONDITION_FAILED = "PreconditionFailed";

	/**
	 * S3's per-key code for a conditional delete of a key that no longer exists: another
	 * client deleted it first.
	 */
	public static final String NO_SUCH_KEY = "NoSuchKey";

	public DeleteReport {
		deleted = Set.copyOf(deleted);
		failed = Map.copyOf(failed);
		withheld = Set.copyOf(withheld);
	}

	public DeleteReport(Set<String> deleted, Map<String, KeyFailure> failed, int requests, int retriedKeys) {
		this(deleted, failed, requests, retriedKeys, Set.of());
	}

	/**
	 * @return the keys of a conditional delete that S3 kept because their ETag was no
	 * longer the one sent ({@value #PRECONDITION_FAILED}), a subset of {@link #failed()}
	 */
	public Set<String> changed() {
		return this.failed.entrySet()
			.stream()
			.filter(entry -> PRECONDITION_FAILED.equals(entry.getValue().code()))
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	public static DeleteReport empty() {
		return new DeleteReport(Set.of(), Map.of(), 0, 0);
	}

	/**
	 * Why S3 did not delete one key, decided where the answer was read.
	 *
	 * @param code a short stable code: S3's per-key error code ({@code AccessDenied},
	 * {@code InvalidObjectState}, ...), {@value DeleteReport#TRANSIENT_EXHAUSTED} or
	 * {@value DeleteReport#NOT_XML}
	 * @param reason for people
	 */
	public record KeyFailure(String code, String reason) {
	}

}
