package io.mediapurge.references;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who shows which key of the bucket, for one step execution (never shared between
 * executions): the snapshot counted when the step started ({@link ReferenceIndex}), plus
 * every document written since, read again before each decision ({@link #catchUp()}).
 *
 * <p>
 * The documents written since the snapshot are held by document: their keys replace the
 * ones read before when they are written again, and a document that is hard-deleted takes
 * its own keys away. A document the step did not see written since its snapshot takes a
 * key away from the snapshot's counts only where the snapshot recorded that it counted
 * that very document for that key ({@link FlaggedPairs}): the catch-up finds inserts by a
 * recent ObjectId and edits by a recent {@code updated-at-field}, so an import with a
 * string, UUID or number {@code _id}, or one that keeps an old ObjectId and an old (or
 * no, or string) {@code updated_at}, is never read again; it takes away nothing, so it
 * can keep an image but never lower a count the snapshot made. A document counted twice
 * (in the snapshot and again after an edit) only keeps an image longer; every key kept is
 * rechecked at the run's end ({@link PendingKeys}).
 *
 * <p>
 * Memory: the snapshot's (about two bytes a key), eight bytes for each reference of a
 * document that carried the soft-delete flag when the snapshot was taken, plus the keys
 * of the documents written while the step runs, and the bytes of the image fields of the
 * documents the last catch-up read ({@link WrittenDocuments}).
 */
public final class References {

	private static final Logger logger = LoggerFactory.getLogger(References.class);

	private final ReferenceIndex snapshot;

	/** The (document, key) pairs of flagged documents the snapshot counted. */
	private final FlaggedPairs snapshotFlagged;

	private final Function<Instant, Map<DocumentId, Set<Long>>> writtenSince;

	private final Duration clockSkew;

	private final Clock clock;

	/**
	 * The next catch-up reads what was written since this moment, less the clock skew.
	 */
	private Instant caughtUpFrom;

	/** The documents written since the snapshot, each with the key digests it shows. */
	private final Map<DocumentId, Set<Long>> written = new HashMap<>();

	/** Per key digest, how many documents of {@link #written} show it. */
	private final Map<Long, Integer> writtenCounts = new HashMap<>();

	References(ReferenceIndex snapshot, FlaggedPairs snapshotFlagged,
			Function<Instant, Map<DocumentId, Set<Long>>> writtenSince, Instant snapshotStarted, Duration clockSkew,
			Clock clock) {
		this.snapshot = snapshot;
		this.snapshotFlagged = snapshotFlagged;
		this.writtenSince = writtenSince;
		this.caughtUpFrom = snapshotStarted;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * @return references that count nothing and read nothing, for a step that runs
	 * nothing
	 */
	public static References none() {
		return new References(new ReferenceIndex(), FlaggedPairs.none(), since -> Map.of(), Instant.EPOCH,
				Duration.ZERO, Clock.systemUTC());
	}

	/**
	 * Reads every document written since the previous catch-up (or the snapshot) began,
	 * less the clock skew: inserts by the time in their {@code _id}, edits by the content
	 * type's {@code updated-at-field}.
	 */
	public synchronized void catchUp() {
		Instant started = this.clock.instant();
		Map<DocumentId, Set<Long>> recent = this.writtenSince.apply(this.caughtUpFrom.minus(this.clockSkew));
		recent.forEach(this::put);
		this.caughtUpFrom = started;
		logger.debug("Caught up on {} documents written since the last check ({} held)", recent.size(),
				this.written.size());
	}

	/**
	 * The keys that no document shows but the given ones.
	 * @param collection the collection of the documents
	 * @param documents each document's {@code _id} and the keys it shows
	 * @return the keys of those documents that no other document shows
	 */
	public synchronized Set<String> unshared(String collection, Map<Object, ? extends Collection<String>> documents) {
		Map<Long, Integer> own = new HashMap<>();
		Set<String> keys = new LinkedHashSet<>();
		documents.forEach((id, documentKeys) -> {
			keys.addAll(documentKeys);
			Set<Long> counted = this.written.get(new DocumentId(collection, id));
			long document = FlaggedPairs.document(collection, id);
			for (long digest : digests(documentKeys)) {
				// a document written since the snapshot counts where it was read again;
				// any other, only where the snapshot recorded counting it
				if ((counted != null) ? counted.contains(digest) : this.snapshotFlagged.contains(document, digest)) {
					own.merge(digest, 1, Integer::sum);
				}
			}
		});
		Set<String> unshared = new LinkedHashSet<>();
		for (String key : keys) {
			long digest = ReferenceIndex.digest(key);
			if (count(digest) - own.getOrDefault(digest, 0) <= 0) {
				unshared.add(key);
			}
		}
		return unshared;
	}

	/**
	 * Documents hard-deleted: they no longer show their keys. One neither read again
	 * since the snapshot nor recorded by it lowers nothing.
	 * @param collection their collection
	 * @param documents each document's {@code _id} and the keys it showed
	 */
	public synchronized void hardDeleted(String collection, Map<Object, ? extends Collection<String>> documents) {
		documents.forEach((id, keys) -> {
			Set<Long> counted = this.written.remove(new DocumentId(collection, id));
			if (counted != null) {
				counted.forEach(this::lowerWritten);
			}
			else {
				long document = FlaggedPairs.document(collection, id);
				List<String> recorded = keys.stream()
					.filter(key -> this.snapshotFlagged.contains(document, ReferenceIndex.digest(key)))
					.toList();
				this.snapshot.remove(recorded);
				recorded.forEach(key -> this.snapshotFlagged.spend(document, ReferenceIndex.digest(key)));
			}
		});
	}

	/**
	 * @param key a key
	 * @return how many documents show it, as far as this step knows
	 */
	public synchronized int count(String key) {
		return count(ReferenceIndex.digest(key));
	}

	private int count(long digest) {
		return this.snapshot.count(digest) + this.writtenCounts.getOrDefault(digest, 0);
	}

	private void put(DocumentId document, Set<Long> digests) {
		Set<Long> before = this.written.put(document, digests);
		if (digests.equals(before)) {
			// read again with the same keys (every catch-up re-reads its clock-skew
			// window): the counts stand
			return;
		}
		if (before != null) {
			before.forEach(this::lowerWritten);
		}
		digests.forEach(digest -> this.writtenCounts.merge(digest, 1, Integer::sum));
	}

	private void lowerWritten(long digest) {
		this.writtenCounts.computeIfPresent(digest, (k, n) -> (n > 1) ? n - 1 : null);
	}

	private static Set<Long> digests(Collection<String> keys) {
		Set<Long> digests = new LinkedHashSet<>();
		keys.forEach(key -> digests.add(ReferenceIndex.digest(key)));
		return digests;
	}

	/**
	 * A document of a collection.
	 *
	 * @param collection the collection
	 * @param id its {@code _id}
	 */
	record DocumentId(String collection, Object id) {
	}

}
