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
 * applies, the mark, and (while planning) the keys listed and the totals per prefix.
 * Every execution builds it again from its first step, so a restart never trusts a mark
 * made before it. The listing's partitions record into it from several threads at once:
 * what they record is guarded by the run's lock.
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
	 * @param key a key the listing held
	 * @return whether the listing might have held it (never false for a key it held)
	 */
	synchronized boolean mightHaveListed(String key) {
		return this.listed.mightContain(key);
	}

	synchronized long listedKeys() {
		return this.listed.size();
	}

	/**
	 * Records one listed object: its key for the dangling references and its counts in
	 * the totals of its prefix.
	 */
	synchronized void listed(String prefix, String key, long size, boolean young, boolean referenced) {
		this.listed.add(key);
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
