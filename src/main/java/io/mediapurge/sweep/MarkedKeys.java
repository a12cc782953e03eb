package io.mediapurge.sweep;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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
 * wrongly kept while no more than the expected keys were added (more only raises that
 * share; {@link #falseKeepRate()} says what it is for the keys actually added). The
 * probes come from the key's MD5 by double hashing.
 */
public final class MarkedKeys {

	static final int BITS_PER_KEY = 16;

	static final int PROBES = 11;

	private final long[] words;

	private final long bits;

	private final int exactLimit;

	private Set<String> exact = new HashSet<>();

	private boolean exactComplete = true;

	private long distinct;

	/**
	 * @param expectedKeys the keys expected; the filter is sized for them
	 * @param exactLimit how many distinct keys are held exactly before only the filter
	 * answers
	 */
	public MarkedKeys(long expectedKeys, int exactLimit) {
		long wanted = Math.max(64, Math.max(1, expectedKeys) * BITS_PER_KEY);
		int wordCount = (int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64);
		this.words = new long[wordCount];
		this.bits = (long) wordCount * 64;
		this.exactLimit = exactLimit;
	}

	/**
	 * @param key a key some document may show
	 */
	public void add(String key) {
		long[] hashes = hashes(key);
		boolean changed = false;
		for (int i = 0; i < PROBES; i++) {
			long bit = Long.remainderUnsigned(hashes[0] + i * hashes[1], this.bits);
			int word = (int) (bit >>> 6);
			long mask = 1L << bit;
			if ((this.words[word] & mask) == 0) {
				changed = true;
				this.words[word] |= mask;
			}
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
		long[] hashes = hashes(key);
		for (int i = 0; i < PROBES; i++) {
			long bit = Long.remainderUnsigned(hashes[0] + i * hashes[1], this.bits);
			if ((this.words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
				return false;
			}
		}
		return true;
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
	 * still keeps: zero while exact, else {@code (1 - e^(-k n / m))^k}
	 */
	public double falseKeepRate() {
		if (this.exactComplete) {
			return 0;
		}
		return Math.pow(1 - Math.exp(-PROBES * (double) this.distinct / this.bits), PROBES);
	}

	/**
	 * @return bytes held by the filter
	 */
	public long filterBytes() {
		return this.words.length * 8L;
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

}
