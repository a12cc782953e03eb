package io.mediapurge.sweep.plan;

/**
 * What a plan run listed under one prefix.
 *
 * @param prefix the key prefix listed
 * @param objectsListed every object listed under it
 * @param bytesListed their size
 * @param objectsYoung objects newer than the plan's minimum age: never candidates
 * @param objectsReferenced objects a document shows (or the mark's rare false keep)
 * @param orphanObjects the candidates: old enough, shown by no document
 * @param orphanBytes what deleting them would reclaim
 */
public record PrefixTotals(String prefix, long objectsListed, long bytesListed, long objectsYoung,
		long objectsReferenced, long orphanObjects, long orphanBytes) {

	public static PrefixTotals empty(String prefix) {
		return new PrefixTotals(prefix, 0, 0, 0, 0, 0, 0);
	}

	/**
	 * @param size one more object's size
	 * @param young whether it is newer than the minimum age
	 * @param referenced whether a document shows it
	 * @return these totals with the object counted
	 */
	public PrefixTotals count(long size, boolean young, boolean referenced) {
		boolean orphan = !young && !referenced;
		return new PrefixTotals(this.prefix, this.objectsListed + 1, this.bytesListed + size,
				this.objectsYoung + (young ? 1 : 0), this.objectsReferenced + ((!young && referenced) ? 1 : 0),
				this.orphanObjects + (orphan ? 1 : 0), this.orphanBytes + (orphan ? size : 0));
	}

}
