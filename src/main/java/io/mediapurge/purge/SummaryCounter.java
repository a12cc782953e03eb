package io.mediapurge.purge;

import java.util.Locale;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * The counters of a run summary, declared once: the key of each in the step's execution
 * context and in JSON ({@link #key()}), its column in {@code purge_step_summary}
 * ({@link #column()}), and where {@link PurgeSummary} keeps it. In a dry run the counts
 * say what would have happened.
 */
public enum SummaryCounter {

	/** Documents read. */
	DOCUMENTS_READ(s -> s.documentsRead, (s, n) -> s.documentsRead = n),

	/** Documents hard-deleted. */
	DOCUMENTS_PURGED(s -> s.documentsPurged, (s, n) -> s.documentsPurged = n),

	/** Malformed documents skipped. */
	DOCUMENTS_SKIPPED(s -> s.documentsSkipped, (s, n) -> s.documentsSkipped = n),

	/** Documents left flagged because an image could not be deleted. */
	DOCUMENTS_BLOCKED(s -> s.documentsBlocked, (s, n) -> s.documentsBlocked = n),

	/** Documents the CMS restored before their claim. */
	DOCUMENTS_RESTORED(s -> s.documentsRestored, (s, n) -> s.documentsRestored = n),

	/** Documents blocked too often, left alone. */
	DOCUMENTS_QUARANTINED(s -> s.documentsQuarantined, (s, n) -> s.documentsQuarantined = n),

	/** Keys S3 confirmed deleted. */
	IMAGES_DELETED(s -> s.imagesDeleted, (s, n) -> s.imagesDeleted = n),

	/** Keys kept because another document shows them. */
	IMAGES_SHARED(s -> s.imagesShared, (s, n) -> s.imagesShared = n),

	/** URLs of other hosts, left alone. */
	IMAGES_EXTERNAL(s -> s.imagesExternal, (s, n) -> s.imagesExternal = n),

	/**
	 * URLs naming another bucket on an S3 host, left alone: many of them suggest a
	 * misspelt {@code media-purge.s3.bucket}.
	 */
	IMAGES_OTHER_BUCKET(s -> s.imagesOtherBucket, (s, n) -> s.imagesOtherBucket = n),

	/** Keys the audit log shows deleted before. */
	IMAGES_ALREADY_ABSENT(s -> s.imagesAlreadyAbsent, (s, n) -> s.imagesAlreadyAbsent = n),

	/** Keys S3 did not delete. */
	IMAGES_FAILED(s -> s.imagesFailed, (s, n) -> s.imagesFailed = n),

	/** DeleteObjects requests sent. */
	S3_REQUESTS(s -> s.s3Requests, (s, n) -> s.s3Requests = n);

	private final ToLongFunction<PurgeSummary> getter;

	private final ObjLongConsumer<PurgeSummary> setter;

	private final String key;

	SummaryCounter(ToLongFunction<PurgeSummary> getter, ObjLongConsumer<PurgeSummary> setter) {
		this.getter = getter;
		this.setter = setter;
		StringBuilder key = new StringBuilder();
		for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
			key.append(key.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
		}
		this.key = key.toString();
	}

	/**
	 * @return its name in the execution context, in JSON and in the metrics' logs:
	 * {@code documentsRead}, ..., {@code s3Requests}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * @return its column in {@code purge_step_summary}: {@code documents_read}, ...,
	 * {@code s3_requests}
	 */
	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param summary a run summary
	 * @return this counter's value in it
	 */
	public long of(PurgeSummary summary) {
		return this.getter.applyAsLong(summary);
	}

	void set(PurgeSummary summary, long value) {
		this.setter.accept(summary, value);
	}

}
