package io.mediapurge.purge;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.util.DigestUtils;

/**
 * How many documents show each key of the bucket, counted over every document of every
 * content type (live, soft-deleted, in grace, blocked) when a step starts. A key may be
 * deleted only when all the documents that show it are being hard-deleted in the same
 * chunk.
 *
 * <p>
 * Keys are held as 64-bit digests: two keys sharing a digest only make both look shared,
 * so a collision can keep an image but never delete one.
 */
final class ReferenceIndex {

	private final Map<Long, Integer> counts = new HashMap<>();

	void add(Collection<String> distinctKeys) {
		distinctKeys.forEach(key -> this.counts.merge(digest(key), 1, Integer::sum));
	}

	void remove(Collection<String> distinctKeys) {
		distinctKeys.forEach(key -> this.counts.computeIfPresent(digest(key), (k, n) -> (n <= 1) ? null : n - 1));
	}

	int count(String key) {
		return this.counts.getOrDefault(digest(key), 0);
	}

	int size() {
		return this.counts.size();
	}

	private static long digest(String key) {
		byte[] md5 = DigestUtils.md5Digest(key.getBytes(StandardCharsets.UTF_8));
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (md5[i] & 0xff);
		}
		return value;
	}

}
