package io.mediapurge.references;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.UUID;

import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.util.DigestUtils;

/**
 * Which soft-deleted documents a snapshot counted, and for which keys: one 64-bit digest
 * per (collection, {@code _id}, key) pair that a document carrying the soft-delete flag
 * contributed to the counts, in a sorted {@code long[]} (eight bytes a pair, searched by
 * halves). Only such a pair may take a count away that the snapshot made: a due document
 * the snapshot did not count (an import with a string {@code _id}, a move that keeps an
 * old ObjectId) takes nothing away, so it can keep an image but never delete one that
 * another document shows.
 *
 * <p>
 * Memory grows with the references of flagged documents only. A pair is spent once the
 * document is hard-deleted (a bit a pair), so a document re-inserted under the same
 * {@code _id} cannot take the same count away twice. Two pairs sharing a digest (odds
 * about n²/2⁶⁵ for n pairs) would let a document the snapshot did not count pass as
 * counted: the one, tiny risk this record carries.
 */
final class FlaggedPairs {

	private static final FlaggedPairs NONE = new FlaggedPairs(new long[0]);

	private final long[] sorted;

	private final BitSet spent;

	private FlaggedPairs(long[] sorted) {
		this.sorted = sorted;
		this.spent = new BitSet();
	}

	/**
	 * @return a record of no pair: nothing the snapshot counted may be taken away
	 */
	static FlaggedPairs none() {
		return NONE;
	}

	/**
	 * @param document the document's digest ({@link #document(String, Object)})
	 * @param key the key's digest
	 * @return whether the snapshot counted that document for that key, and it was not
	 * spent
	 */
	boolean contains(long document, long key) {
		int at = Arrays.binarySearch(this.sorted, pair(document, key));
		return at >= 0 && !this.spent.get(at);
	}

	/**
	 * The document no longer shows the key: its pair cannot take anything away again.
	 * @param document the document's digest
	 * @param key the key's digest
	 */
	void spend(long document, long key) {
		int at = Arrays.binarySearch(this.sorted, pair(document, key));
		if (at >= 0) {
			this.spent.set(at);
		}
	}

	int size() {
		return this.sorted.length;
	}

	/**
	 * @param other another record
	 * @return the pairs in both
	 */
	FlaggedPairs retainAll(FlaggedPairs other) {
		long[] both = new long[Math.min(this.sorted.length, other.sorted.length)];
		int size = 0;
		for (int i = 0, j = 0; i < this.sorted.length && j < other.sorted.length;) {
			int order = Long.compare(this.sorted[i], other.sorted[j]);
			if (order == 0) {
				both[size++] = this.sorted[i];
				i++;
				j++;
			}
			else if (order < 0) {
				i++;
			}
			else {
				j++;
			}
		}
		return new FlaggedPairs(Arrays.copyOf(both, size));
	}

	/**
	 * @param collection the document's collection
	 * @param id its {@code _id}, as the driver reads it
	 * @return the document's digest, the same for the same {@code _id} however it is read
	 */
	static long document(String collection, Object id) {
		return first8(DigestUtils.md5Digest((collection + '\u0000' + idForm(id)).getBytes(StandardCharsets.UTF_8)));
	}

	static long pair(long document, long key) {
		return first8(DigestUtils.md5Digest(ByteBuffer.allocate(16).putLong(document).putLong(key).array()));
	}

	private static String idForm(Object id) {
		if (id instanceof ObjectId objectId) {
			return "o:" + objectId.toHexString();
		}
		if (id instanceof String string) {
			return "s:" + string;
		}
		if (id instanceof Integer || id instanceof Long || id instanceof Short || id instanceof Byte) {
			return "n:" + ((Number) id).longValue();
		}
		if (id instanceof Double || id instanceof Float) {
			double value = ((Number) id).doubleValue();
			return (value == Math.rint(value) && Math.abs(value) < 0x1p62) ? "n:" + (long) value : "d:" + value;
		}
		if (id instanceof UUID uuid) {
			return "u:" + uuid;
		}
		if (id instanceof Binary binary) {
			return "b:" + binary.getType() + ":" + HexFormat.of().formatHex(binary.getData());
		}
		return ((id != null) ? id.getClass().getName() : "null") + ":" + id;
	}

	private static long first8(byte[] md5) {
		return ByteBuffer.wrap(md5).getLong();
	}

	/** Collects pairs, then sorts them once. */
	static final class Builder {

		private long[] pairs = new long[1024];

		private int size;

		void add(long document, long key) {
			if (this.size == this.pairs.length) {
				this.pairs = Arrays.copyOf(this.pairs, this.pairs.length * 2);
			}
			this.pairs[this.size++] = pair(document, key);
		}

		FlaggedPairs build() {
			long[] sorted = Arrays.copyOf(this.pairs, this.size);
			Arrays.sort(sorted);
			int distinct = 0;
			for (int i = 0; i < sorted.length; i++) {
				if (i == 0 || sorted[i] != sorted[distinct - 1]) {
					sorted[distinct++] = sorted[i];
				}
			}
			this.pairs = new long[0];
			return new FlaggedPairs(Arrays.copyOf(sorted, distinct));
		}

	}

}
