package io.mediapurge.sweep;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.DigestUtils;

/**
 * The keys some document may show, in memory that stays flat in the number of documents
 * and keys. Its errors can only keep an object, never delete one: {@link #mightContain}
 * never answers {@code false} for a key that was {@link #add added}.
 *
 * <p>
 * Below {@code exactLimit} distinct keys the set is exact (a hash set of the keys beside
 * the filter): a small bucket's plan never keeps an orphan by mistake. Beyond it only a
 * Bloom filter answers, sized at {@value #BITS_PER_KEY} bits and {@value #PROBES} probes
 * a key for the expected number of keys: about 0.05 % of the unreferenced keys are
 * wrongly kept at that size. When more distinct keys come than expected (documents
 * showing more images than the estimate), the filter does not fill up: a new segment
 * twice the size of the last takes the keys beyond its capacity (a scalable Bloom
 * filter), so the rate stays near the stated one. {@link #falseKeepRate()} says what it
 * is for the keys actually added. The probes come from the key's MD5 by double hashing.
 */
public final class MarkedKeys {

	static final int BITS_PER_KEY = 16;

	static final int PROBES = 11;

	private final List<Segment> segments = new ArrayList<>();

	private final int exactLimit;

	private Set<String> exact = new HashSet<>();

	private boolean exactComplete = true;

	private long distinct;

	/**
	 * @param expectedKeys the keys expected; the first segment is sized for them
	 * @param exactLimit how many distinct keys are held exactly before only the filter
	 * answers
	 */
	public MarkedKeys(long expectedKeys, int exactLimit) {
		this.segments.add(new Segment(Math.max(1, expectedKeys)));
		this.exactLimit = exactLimit;
	}

	/**
	 * @param key a key some document may show
	 */
	public void add(String key) {
		long[] hashes = hashes(key);
		// a key some segment answers for already needs no bit: it stays kept
		boolean changed = !containedBefore(hashes, this.segments.size());
		if (changed) {
			Segment last = this.segments.get(this.segments.size() - 1);
			if (last.full()) {
				last = new Segment(Math.min(last.capacity * 2, Segment.MAX_CAPACITY));
				this.segments.add(last);
			}
			last.add(hashes);
		}
		if (this.exactComplete) {
			if (this.exact.add(key)) {
				this.distinct++;
			}
			if (this.exact.size() > this.exactLimit) {
				this.exactComplete = false;
				this.exact = Set.of();
			}
		}
		else if (changed) {
			this.distinct++;
		}
	}

	/**
	 * @param key an object key
	 * @return {@code false} only when no document shows the key
	 */
	public boolean mightContain(String key) {
		if (this.exactComplete) {
			return this.exact.contains(key);
		}
		return containedBefore(hashes(key), this.segments.size());
	}

	/**
	 * @return about how many distinct keys were added (exact while the set is exact; a
	 * key whose probes were all set already is not counted beyond it)
	 */
	public long distinctKeys() {
		return this.distinct;
	}

	/**
	 * @return whether every answer is exact (no false keep at all)
	 */
	public boolean isExact() {
		return this.exactComplete;
	}

	/**
	 * @return the expected share of keys no document shows that {@link #mightContain}
	 * still keeps: zero while exact, else {@code 1 - prod(1 - (1 - e^(-k n / m))^k)} over
	 * the segments
	 */
	public double falseKeepRate() {
		if (this.exactComplete) {
			return 0;
		}
		double none = 1;
		for (Segment segment : this.segments) {
			none *= 1 - segment.falseRate();
		}
		return 1 - none;
	}

	/**
	 * @return bytes held by the filter
	 */
	public long filterBytes() {
		return this.segments.stream().mapToLong(segment -> segment.words.length * 8L).sum();
	}

	/**
	 * @return how many segments the filter grew to (1 while the estimate held)
	 */
	int segments() {
		return this.segments.size();
	}

	private boolean containedBefore(long[] hashes, int end) {
		for (int i = 0; i < end; i++) {
			if (this.segments.get(i).contains(hashes)) {
				return true;
			}
		}
		return false;
	}

	private static long[] hashes(String key) {
		byte[] md5 = DigestUtils.md5Digest(key.getBytes(StandardCharsets.UTF_8));
		long h1 = 0;
		long h2 = 0;
		for (int i = 0; i < 8; i++) {
			h1 = (h1 << 8) | (md5[i] & 0xff);
			h2 = (h2 << 8) | (md5[i + 8] & 0xff);
		}
		return new long[] { h1, h2 | 1 };
	}

	/** One Bloom filter sized for {@code capacity} keys. */
	private static final class Segment {

		/** The most keys one segment's array (of at most 2^31 words) is sized for. */
		static final long MAX_CAPACITY = (Integer.MAX_VALUE - 8) * 64L / BITS_PER_KEY;

		final long capacity;

		final long[] words;

		final long bits;

		long added;

		Segment(long capacity) {
			this.capacity = Math.min(capacity, MAX_CAPACITY);
			long wanted = Math.max(64, this.capacity * BITS_PER_KEY);
			this.words = new long[(int) ((wanted + 63) / 64)];
			this.bits = (long) this.words.length * 64;
		}

		boolean full() {
			return this.added >= this.capacity;
		}

		void add(long[] hashes) {
			for (int i = 0; i < PROBES; i++) {
				long bit = Long.remainderUnsigned(hashes[0] + i * hashes[1], this.bits);
				this.words[(int) (bit >>> 6)] |= 1L << bit;
			}
			this.added++;
		}

		boolean contains(long[] hashes) {
			for (int i = 0; i < PROBES; i++) {
				long bit = Long.remainderUnsigned(hashes[0] + i * hashes[1], this.bits);
				if ((this.words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
					return false;
				}
			}
			return true;
		}

		double falseRate() {
			return Math.pow(1 - Math.exp(-PROBES * (double) this.added / this.bits), PROBES);
		}

	}

}
