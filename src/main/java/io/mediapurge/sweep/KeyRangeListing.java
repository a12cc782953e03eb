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
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * The objects of the bucket as they are now, for a chunk of a plan's keys: one listing of
 * the key range from the chunk's first to its last key (per prefix), page by page, not
 * one HEAD per key. A key the listing does not return counts as gone; a store that lists
 * in another order can only make a key look gone, and a gone key is never deleted.
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
		Set<String> wanted = new HashSet<>(keys);
		String first = keys.stream().min(S3KeyOrder.INSTANCE).orElseThrow();
		String last = keys.stream().max(S3KeyOrder.INSTANCE).orElseThrow();
		// a string just before the first key: ListObjectsV2 starts after it
		String startAfter = first.substring(0, first.length() - 1);
		@Nullable String continuation = null;
		do {
			String token = continuation;
			ListObjectsV2Response response = this.s3.listObjectsV2(request -> request.bucket(this.bucket)
				.prefix(prefix)
				.startAfter(startAfter.isEmpty() ? null : startAfter)
				.maxKeys(this.pageSize)
				.continuationToken(token));
			this.requests++;
			for (S3Object object : response.contents()) {
				if (S3KeyOrder.INSTANCE.compare(object.key(), last) > 0) {
					return;
				}
				if (wanted.contains(object.key())) {
					found.put(object.key(), object);
				}
			}
			continuation = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
		}
		while (continuation != null);
	}

	/**
	 * @return ListObjectsV2 requests sent so far
	 */
	long requests() {
		return this.requests;
	}

}
