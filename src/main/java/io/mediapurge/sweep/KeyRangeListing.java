package io.mediapurge.sweep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * The objects of the bucket as they are now, for a chunk of a plan's keys: the chunk's
 * keys in S3 order (per prefix), listed page by page from the first to the last, not one
 * HEAD per key. Where a page ends before the next key sought, the listing starts again
 * just before that key ({@code StartAfter}) instead of paging through the keys between,
 * which it does not need: a chunk of keys spread thinly over the bucket costs a request
 * per run of keys, at most one a page of the run, instead of one per page of everything
 * between its first and last key. A key the listing does not return counts as gone; a
 * store that lists in another order can only make a key look gone, and a gone key is
 * never deleted. Keys are asked for URL-encoded, as the plan's listing asks for them.
 */
final class KeyRangeListing {

	private final S3Client s3;

	private final String bucket;

	private final int pageSize;

	private long requests;

	KeyRangeListing(S3Client s3, String bucket, int pageSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.pageSize = pageSize;
	}

	/**
	 * @param objects planned objects, each under its plan prefix
	 * @return the listed objects among their keys, by key
	 */
	Map<String, S3Object> current(List<PlannedObject> objects) {
		Map<String, S3Object> found = new HashMap<>();
		Map<String, List<String>> byPrefix = objects.stream()
			.collect(Collectors.groupingBy(PlannedObject::prefix, TreeMap::new,
					Collectors.mapping(PlannedObject::key, Collectors.toList())));
		byPrefix.forEach((prefix, keys) -> list(prefix, keys, found));
		return found;
	}

	private void list(String prefix, List<String> keys, Map<String, S3Object> found) {
		List<String> sought = keys.stream().distinct().sorted(S3KeyOrder.INSTANCE).toList();
		Set<String> wanted = new HashSet<>(sought);
		String last = sought.get(sought.size() - 1);
		// the first key sought that no page has gone past yet
		int next = 0;
		String startAfter = before(sought.get(0));
		@Nullable String continuation = null;
		while (true) {
			ListObjectsV2Response response = page(prefix, startAfter, continuation);
			this.requests++;
			List<S3Object> contents = response.contents();
			for (S3Object object : contents) {
				if (S3KeyOrder.INSTANCE.compare(object.key(), last) > 0) {
					return;
				}
				if (wanted.contains(object.key())) {
					found.put(object.key(), object);
				}
			}
			if (!Boolean.TRUE.equals(response.isTruncated()) || response.nextContinuationToken() == null) {
				return;
			}
			continuation = response.nextContinuationToken();
			if (!contents.isEmpty()) {
				String listedTo = contents.get(contents.size() - 1).key();
				while (next < sought.size() && S3KeyOrder.INSTANCE.compare(sought.get(next), listedTo) <= 0) {
					next++;
				}
				if (next == sought.size()) {
					return;
				}
				// the keys between the page's last and the next key sought are none of
				// the
				// chunk's: skip them, if that starts the listing further on than before
				String skipTo = before(sought.get(next));
				if (S3KeyOrder.INSTANCE.compare(skipTo, listedTo) > 0
						&& S3KeyOrder.INSTANCE.compare(skipTo, startAfter) > 0) {
					startAfter = skipTo;
					continuation = null;
				}
			}
		}
	}

	private ListObjectsV2Response page(String prefix, String startAfter, @Nullable String continuation) {
		return this.s3.listObjectsV2(request -> request.bucket(this.bucket)
			.prefix(prefix)
			.encodingType(EncodingType.URL)
			.startAfter(startAfter.isEmpty() ? null : startAfter)
			.maxKeys(this.pageSize)
			.continuationToken(continuation));
	}

	/**
	 * @return a string just before the key in S3 order (ListObjectsV2 lists the keys
	 * after it, the key among them): the key less its last character
	 */
	static String before(String key) {
		return key.substring(0, key.offsetByCodePoints(key.length(), -1));
	}

	/**
	 * @return ListObjectsV2 requests sent so far
	 */
	long requests() {
		return this.requests;
	}

}
