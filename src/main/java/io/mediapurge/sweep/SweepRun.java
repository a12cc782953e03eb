package io.mediapurge.sweep;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.mediapurge.sweep.inventory.InventoryManifest;
import io.mediapurge.sweep.plan.PrefixTotals;

/**
 * What one execution of the sweep holds in memory between its steps: the plan it makes or
 * applies, the mark, and (while planning) the listed keys that are not candidates and the
 * totals per prefix. Every execution builds it again from its first step, so a restart
 * never trusts a mark made before it. The listing's partitions record into it from
 * several threads at once: what they record is guarded by the run's lock.
 */
final class SweepRun {

	private final long planId;

	private final List<String> prefixes;

	private final @Nullable Instant listedBefore;

	private final @Nullable InventoryManifest inventory;

	private @Nullable MarkedKeys marks;

	private long documentsMarked;

	private @Nullable Instant marksFrom;

	private long danglingReferences;

	private ListedKeys listed = new ListedKeys();

	private final Map<String, PrefixTotals> totals = new LinkedHashMap<>();

	SweepRun(long planId, List<String> prefixes, @Nullable Instant listedBefore) {
		this(planId, prefixes, listedBefore, null);
	}

	/**
	 * @param inventory the inventory a plan reads instead of listing the bucket,
	 * {@code null} to list it
	 */
	SweepRun(long planId, List<String> prefixes, @Nullable Instant listedBefore,
			@Nullable InventoryManifest inventory) {
		this.planId = planId;
		this.prefixes = List.copyOf(prefixes);
		this.listedBefore = listedBefore;
		this.inventory = inventory;
		resetListing();
	}

	long planId() {
		return this.planId;
	}

	List<String> prefixes() {
		return this.prefixes;
	}

	/**
	 * @return the inventory the plan reads instead of listing, {@code null} when it lists
	 */
	@Nullable InventoryManifest inventory() {
		return this.inventory;
	}

	Instant listedBefore() {
		if (this.listedBefore == null) {
			throw new IllegalStateException("An apply has no listedBefore");
		}
		return this.listedBefore;
	}

	/**
	 * @param marks the keys shown by every document read
	 * @param documents how many were read
	 * @param from when the mark began: a document written since may be missing from it
	 */
	void marked(MarkedKeys marks, long documents, Instant from) {
		this.marks = marks;
		this.documentsMarked = documents;
		this.marksFrom = from;
	}

	/**
	 * @return when the mark began, or its last catch-up: the marks hold every key shown
	 * by a document last written before then
	 */
	Instant marksFrom() {
		if (this.marksFrom == null) {
			throw new IllegalStateException("Plan " + this.planId + ": this execution has not marked");
		}
		return this.marksFrom;
	}

	/** The marks now hold every key shown by a document last written before this. */
	void caughtUp(Instant from) {
		this.marksFrom = from;
	}

	/**
	 * @return the mark of this execution
	 * @throws IllegalStateException when this execution has not marked (fail closed: no
	 * mark, no candidate)
	 */
	MarkedKeys marks() {
		if (this.marks == null) {
			throw new IllegalStateException("Plan " + this.planId + ": no mark in this execution");
		}
		return this.marks;
	}

	long documentsMarked() {
		return this.documentsMarked;
	}

	/** Starts the listing afresh: no key listed, every prefix at zero. */
	synchronized void resetListing() {
		this.listed = new ListedKeys();
		this.totals.clear();
		this.prefixes.forEach(prefix -> this.totals.put(prefix, PrefixTotals.empty(prefix)));
	}

	/**
	 * Whether the listing might have held a key, as far as memory tells: never false for
	 * a key it held that is not a {@linkplain #candidate candidate}. A candidate's key is
	 * in the plan's records instead, which answer for it.
	 * @param key a key some document shows
	 * @return whether the listing might have held it as a key that is not a candidate
	 */
	synchronized boolean mightHaveListed(String key) {
		return this.listed.mightContain(key);
	}

	/**
	 * Whether a listed object is an orphan candidate: older than the minimum age and
	 * shown by no document the mark saw.
	 */
	static boolean candidate(boolean young, boolean referenced) {
		return !young && !referenced;
	}

	/**
	 * Records one listed object: its counts in the totals of its prefix and, unless it is
	 * a candidate, its key for the dangling references. A candidate's key is written to
	 * the plan's records, which the dangling check asks instead: so this memory follows
	 * the keys documents show (and the young objects), not every object listed.
	 */
	synchronized void listed(String prefix, String key, long size, boolean young, boolean referenced) {
		if (!candidate(young, referenced)) {
			this.listed.add(key);
		}
		this.totals.compute(prefix,
				(p, totals) -> ((totals != null) ? totals : PrefixTotals.empty(p)).count(size, young, referenced));
	}

	void danglingReferences(long count) {
		this.danglingReferences = count;
	}

	long danglingReferences() {
		return this.danglingReferences;
	}

	synchronized List<PrefixTotals> totals() {
		return List.copyOf(this.totals.values());
	}

}
