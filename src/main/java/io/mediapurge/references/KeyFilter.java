package io.mediapurge.references;

/**
 * A Bloom filter of 64-bit key digests: {@link #mightContain} never answers {@code false}
 * for a digest that was {@link #put}; it answers {@code true} for one that was not with a
 * probability of about 0.05 % while no more than the expected number of digests were put
 * (more only raises that probability).
 *
 * <p>
 * Sized at 16 bits and 11 probes a digest; the probes are derived from the digest by
 * double hashing, the digest itself being already uniformly distributed (MD5).
 */
final class KeyFilter {

	private static final int BITS_PER_KEY = 16;

	private static final int PROBES = 11;

	private final long[] words;

	private final long bits;

	/**
	 * @param expectedKeys the number of digests expected; at least 1
	 */
	KeyFilter(long expectedKeys) {
		long wanted = Math.max(64, Math.max(1, expectedKeys) * BITS_PER_KEY);
		int wordCount = (int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64);
		this.words = new long[wordCount];
		this.bits = (long) wordCount * 64;
	}

	/**
	 * Adds a digest.
	 * @param digest the digest
	 * @return {@code true} if the filter might have held it already (every probed bit was
	 * set)
	 */
	boolean put(long digest) {
		boolean present = true;
		long hash1 = digest;
		long hash2 = Long.rotateLeft(digest, 32) | 1;
		for (int i = 0; i < PROBES; i++) {
			long bit = Long.remainderUnsigned(hash1 + i * hash2, this.bits);
			int word = (int) (bit >>> 6);
			long mask = 1L << bit;
			if ((this.words[word] & mask) == 0) {
				present = false;
				this.words[word] |= mask;
			}
		}
		return present;
	}

	boolean mightContain(long digest) {
		long hash1 = digest;
		long hash2 = Long.rotateLeft(digest, 32) | 1;
		for (int i = 0; i < PROBES; i++) {
			long bit = Long.remainderUnsigned(hash1 + i * hash2, this.bits);
			if ((this.words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
				return false;
			}
		}
		return true;
	}

	long bytes() {
		return this.words.length * 8L;
	}

}
