package io.mediapurge.purge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run summary of one content-type step: the counters of {@link SummaryCounter}, and
 * skipped and blocked documents by reason. In a dry run the counts say what would have
 * happened.
 */
public final class PurgeSummary {

	/** Key of the summary in the step's execution context. */
	public static final String CONTEXT_KEY = "purgeSummary";

	long documentsRead;

	long documentsPurged;

	long documentsSkipped;

	long documentsBlocked;

	long documentsRestored;

	long documentsQuarantined;

	long imagesDeleted;

	long imagesShared;

	long imagesExternal;

	long imagesOtherBucket;

	long imagesAlreadyAbsent;

	long imagesFailed;

	long s3Requests;

	final Map<String, Long> skipReasons = new TreeMap<>();

	final Map<String, Long> blockReasons = new TreeMap<>();

	void merge(PurgeSummary other) {
		for (SummaryCounter counter : SummaryCounter.values()) {
			counter.set(this, counter.of(this) + counter.of(other));
		}
		other.skipReasons.forEach((reason, n) -> this.skipReasons.merge(reason, n, Long::sum));
		other.blockReasons.forEach((reason, n) -> this.blockReasons.merge(reason, n, Long::sum));
	}

	void skipped(String reasonCode) {
		this.documentsSkipped++;
		this.skipReasons.merge(reasonCode, 1L, Long::sum);
	}

	void blocked(String reasonCode) {
		this.documentsBlocked++;
		this.blockReasons.merge(reasonCode, 1L, Long::sum);
	}

	/**
	 * @return whether some document needs a person's attention (skipped, blocked or
	 * quarantined)
	 */
	public boolean hasIssues() {
		return this.documentsSkipped > 0 || this.documentsBlocked > 0 || this.documentsQuarantined > 0;
	}

	/**
	 * @return the summary as plain, serializable values for the execution context
	 */
	public LinkedHashMap<String, Object> toMap() {
		LinkedHashMap<String, Object> map = new LinkedHashMap<>();
		for (SummaryCounter counter : SummaryCounter.values()) {
			map.put(counter.key(), counter.of(this));
		}
		map.put("skipReasons", new LinkedHashMap<>(this.skipReasons));
		map.put("blockReasons", new LinkedHashMap<>(this.blockReasons));
		return map;
	}

	/**
	 * @param map a map made by {@link #toMap()}
	 * @return the summary it holds
	 */
	@SuppressWarnings("unchecked")
	public static PurgeSummary fromMap(Map<String, Object> map) {
		PurgeSummary summary = new PurgeSummary();
		for (SummaryCounter counter : SummaryCounter.values()) {
			counter.set(summary, number(map, counter.key()));
		}
		((Map<String, Number>) map.getOrDefault("skipReasons", Map.of()))
			.forEach((k, v) -> summary.skipReasons.put(k, v.longValue()));
		((Map<String, Number>) map.getOrDefault("blockReasons", Map.of()))
			.forEach((k, v) -> summary.blockReasons.put(k, v.longValue()));
		return summary;
	}

	private static long number(Map<String, Object> map, String key) {
		return (map.get(key) instanceof Number n) ? n.longValue() : 0;
	}

	public long documentsRead() {
		return this.documentsRead;
	}

	public long documentsPurged() {
		return this.documentsPurged;
	}

	public long documentsSkipped() {
		return this.documentsSkipped;
	}

	public long documentsBlocked() {
		return this.documentsBlocked;
	}

	public long documentsRestored() {
		return this.documentsRestored;
	}

	public long documentsQuarantined() {
		return this.documentsQuarantined;
	}

	public long imagesDeleted() {
		return this.imagesDeleted;
	}

	public long imagesShared() {
		return this.imagesShared;
	}

	public long imagesExternal() {
		return this.imagesExternal;
	}

	public long imagesOtherBucket() {
		return this.imagesOtherBucket;
	}

	public long imagesAlreadyAbsent() {
		return this.imagesAlreadyAbsent;
	}

	public long imagesFailed() {
		return this.imagesFailed;
	}

	public long s3Requests() {
		return this.s3Requests;
	}

	public Map<String, Long> skipReasons() {
		return Map.copyOf(this.skipReasons);
	}

	public Map<String, Long> blockReasons() {
		return Map.copyOf(this.blockReasons);
	}

	@Override
	public String toString() {
		return "read=" + this.documentsRead + " purged=" + this.documentsPurged + " skipped=" + this.documentsSkipped
				+ " blocked=" + this.documentsBlocked + " restored=" + this.documentsRestored + " quarantined="
				+ this.documentsQuarantined + " | images deleted=" + this.imagesDeleted + " shared=" + this.imagesShared
				+ " external=" + this.imagesExternal + " otherBucket=" + this.imagesOtherBucket + " alreadyAbsent="
				+ this.imagesAlreadyAbsent + " failed=" + this.imagesFailed + " | s3Requests=" + this.s3Requests
				+ (this.skipReasons.isEmpty() ? "" : " skipReasons=" + this.skipReasons)
				+ (this.blockReasons.isEmpty() ? "" : " blockReasons=" + this.blockReasons);
	}

}
