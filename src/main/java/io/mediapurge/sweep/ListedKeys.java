package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys a plan's listing held that are not candidates (the plan's records hold those),
 * for the question "does the bucket hold the key this document shows?" while their number
 * is not known in advance: a chain of Bloom filters, each twice the size of the one
 * before, so the false-positive rate stays below about 0.1 % however many keys are
 * listed, at about two bytes a key. An error can only hide a dangling reference from the
 * report, never delete or change anything.
 */
final class ListedKeys {

	private static final long FIRST_CAPACITY = 1 << 16;

	private final List<MarkedKeys> filters = new ArrayList<>();

	private long capacity = FIRST_CAPACITY;

	private long inLast;

	private long total;

	ListedKeys() {
		this.filters.add(new MarkedKeys(this.capacity, 0));
	}

	void add(String key) {
		if (this.inLast >= this.capacity) {
			this.capacity *= 2;
			this.filters.add(new MarkedKeys(this.capacity, 0));
			this.inLast = 0;
		}
		this.filters.get(this.filters.size() - 1).add(key);
		this.inLast++;
		this.total++;
	}

	boolean mightContain(String key) {
		for (MarkedKeys filter : this.filters) {
			if (filter.mightContain(key)) {
				return true;
			}
		}
		return false;
	}

	long size() {
		return this.total;
	}

}
