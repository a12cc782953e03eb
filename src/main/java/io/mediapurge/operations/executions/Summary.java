package io.mediapurge.operations.executions;

import java.util.Map;
import java.util.TreeMap;

/**
 * The run summary of a step, or of a whole execution (the sum of its steps), with the
 * keys of {@link io.mediapurge.purge.PurgeSummary#toMap()}. In a dry run the counts say
 * what would have happened.
 *
 * @param documentsRead documents read
 * @param documentsPurged documents hard-deleted
 * @param documentsSkipped malformed documents skipped
 * @param documentsBlocked documents left flagged because an image could not be deleted
 * @param documentsRestored documents the CMS restored before their claim
 * @param documentsQuarantined documents blocked too often, left alone
 * @param imagesDeleted keys S3 confirmed deleted
 * @param imagesShared keys kept because another document shows them
 * @param imagesExternal URLs outside the bucket, left alone
 * @param imagesAlreadyAbsent keys the audit log shows deleted before
 * @param imagesFailed keys S3 did not delete
 * @param s3Requests DeleteObjects requests sent
 * @param skipReasons skipped documents by reason code
 * @param blockReasons blocked (and quarantined) documents by reason code
 */
public record Summary(long documentsRead, long documentsPurged, long documentsSkipped, long documentsBlocked,
		long documentsRestored, long documentsQuarantined, long imagesDeleted, long imagesShared, long imagesExternal,
		long imagesAlreadyAbsent, long imagesFailed, long s3Requests, Map<String, Long> skipReasons,
		Map<String, Long> blockReasons) {

	/** Nothing counted. */
	public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

	public Summary {
		skipReasons = new TreeMap<>(skipReasons);
		blockReasons = new TreeMap<>(blockReasons);
	}

	/**
	 * @param other another summary
	 * @return the sum of both
	 */
	public Summary plus(Summary other) {
		return new Summary(this.documentsRead + other.documentsRead, this.documentsPurged + other.documentsPurged,
				this.documentsSkipped + other.documentsSkipped, this.documentsBlocked + other.documentsBlocked,
				this.documentsRestored + other.documentsRestored,
				this.documentsQuarantined + other.documentsQuarantined, this.imagesDeleted + other.imagesDeleted,
				this.imagesShared + other.imagesShared, this.imagesExternal + other.imagesExternal,
				this.imagesAlreadyAbsent + other.imagesAlreadyAbsent, this.imagesFailed + other.imagesFailed,
				this.s3Requests + other.s3Requests, sum(this.skipReasons, other.skipReasons),
				sum(this.blockReasons, other.blockReasons));
	}

	Summary withReasons(Map<String, Long> skipReasons, Map<String, Long> blockReasons) {
		return new Summary(this.documentsRead, this.documentsPurged, this.documentsSkipped, this.documentsBlocked,
				this.documentsRestored, this.documentsQuarantined, this.imagesDeleted, this.imagesShared,
				this.imagesExternal, this.imagesAlreadyAbsent, this.imagesFailed, this.s3Requests, skipReasons,
				blockReasons);
	}

	private static Map<String, Long> sum(Map<String, Long> first, Map<String, Long> second) {
		Map<String, Long> sum = new TreeMap<>(first);
		second.forEach((reason, count) -> sum.merge(reason, count, Long::sum));
		return sum;
	}

}
