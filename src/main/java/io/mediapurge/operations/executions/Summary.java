package io.mediapurge.operations.executions;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import io.mediapurge.purge.PurgeSummary;
import io.mediapurge.purge.SummaryCounter;

/**
 * The run summary of a step, or of a whole execution (the sum of its steps): each counter
 * of {@link SummaryCounter}, in JSON under its key ({@code documentsRead}, ...,
 * {@code s3Requests}), and skipped and blocked documents by reason. In a dry run the
 * counts say what would have happened.
 *
 * @param counts the counters, zero when absent
 * @param skipReasons skipped documents by reason code
 * @param blockReasons blocked (and quarantined) documents by reason code
 */
public record Summary(@JsonIgnore Map<SummaryCounter, Long> counts, Map<String, Long> skipReasons,
		Map<String, Long> blockReasons) {

	/** Nothing counted. */
	public static final Summary EMPTY = new Summary(Map.of(), Map.of(), Map.of());

	public Summary {
		EnumMap<SummaryCounter, Long> all = new EnumMap<>(SummaryCounter.class);
		for (SummaryCounter counter : SummaryCounter.values()) {
			all.put(counter, counts.getOrDefault(counter, 0L));
		}
		counts = all;
		skipReasons = new TreeMap<>(skipReasons);
		blockReasons = new TreeMap<>(blockReasons);
	}

	/**
	 * @param counter a counter
	 * @return its value
	 */
	public long get(SummaryCounter counter) {
		return this.counts.get(counter);
	}

	/**
	 * @return the counters by their key, in declaration order: the summary's JSON fields
	 */
	@JsonAnyGetter
	Map<String, Long> byKey() {
		Map<String, Long> byKey = new LinkedHashMap<>();
		this.counts.forEach((counter, value) -> byKey.put(counter.key(), value));
		return byKey;
	}

	/**
	 * @param summary the job's summary of a step
	 * @return the same counts
	 */
	static Summary of(PurgeSummary summary) {
		Map<SummaryCounter, Long> counts = new EnumMap<>(SummaryCounter.class);
		for (SummaryCounter counter : SummaryCounter.values()) {
			counts.put(counter, counter.of(summary));
		}
		return new Summary(counts, summary.skipReasons(), summary.blockReasons());
	}

	/**
	 * @param other another summary
	 * @return the counts of both added up, with the reasons of this one
	 */
	Summary plusCounts(Summary other) {
		Map<SummaryCounter, Long> sum = new EnumMap<>(this.counts);
		other.counts.forEach((counter, value) -> sum.merge(counter, value, Long::sum));
		return new Summary(sum, this.skipReasons, this.blockReasons);
	}

	Summary with(SummaryCounter counter, long value) {
		Map<SummaryCounter, Long> counts = new EnumMap<>(this.counts);
		counts.put(counter, value);
		return new Summary(counts, this.skipReasons, this.blockReasons);
	}

	Summary withReasons(Map<String, Long> skipReasons, Map<String, Long> blockReasons) {
		return new Summary(this.counts, skipReasons, blockReasons);
	}

}
