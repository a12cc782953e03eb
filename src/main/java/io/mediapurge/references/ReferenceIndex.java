package io.mediapurge.references;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.util.DigestUtils;

/**
 * How many documents show each key of the bucket, counted over every document of every
 * content type (live, soft-deleted, in grace, blocked) when a step starts: the snapshot
 * under {@link References}, which adds what was written since.
 *
 * <p>
 * The index answers exactly, in memory that barely grows with the backlog: a Bloom filter
 * ({@link KeyFilter}) remembers every key seen, at about two bytes a key, and only the
 * keys that may show in more than one document (shared keys, and the filter's rare false
 * positives) get an exact count. A key seen once and not counted shows in exactly one
 * document: had a second document shown it, the filter would have flagged it.
 *
 * <p>
 * Keys are held as 64-bit digests: two keys sharing a digest only make both look shared,
 * so a collision can keep an image but never delete one.
 */
final class ReferenceIndex {

	private final KeyFilter seen;

	private final Map<Long, Integer> counts;

	ReferenceIndex() {
		this(new KeyFilter(1), new HashMap<>());
	}

	ReferenceIndex(KeyFilter seen, Map<Long, Integer> counts) {
		this.seen = seen;
		this.counts = counts;
	}

	/**
	 * Hard-deleted documents no longer show their keys.
	 * @param distinctKeys the keys of one hard-deleted document
	 */
	void remove(Collection<String> distinctKeys) {
		// a count stays at zero rather than going: without it, the key would fall back to
		// "seen once"; once per digest, as the index was built: two keys sharing a digest
		// count once
		distinctKeys.stream()
			.map(ReferenceIndex::digest)
			.distinct()
			.forEach(digest -> this.counts.computeIfPresent(digest, (k, n) -> Math.max(0, n - 1)));
	}

	int count(String key) {
		return count(digest(key));
	}

	int count(long digest) {
		Integer count = this.counts.get(digest);
		if (count != null) {
			return count;
		}
		return this.seen.mightContain(digest) ? 1 : 0;
	}

	/** Keys counted exactly: those that may show in more than one document. */
	int countedKeys() {
		return this.counts.size();
	}

	/** Bytes held by the filter of keys seen. */
	long filterBytes() {
		return this.seen.bytes();
	}

	static long digest(String key) {
		byte[] md5 = DigestUtils.md5Digest(key.getBytes(StandardCharsets.UTF_8));
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (md5[i] & 0xff);
		}
		return value;
	}

}
