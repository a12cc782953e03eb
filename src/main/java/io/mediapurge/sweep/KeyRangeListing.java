package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
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
 *
 * <p>
 * With more than one thread, each prefix's keys are cut into up to that many slices of
 * consecutive keys (at least {@link #MIN_SLICE} keys each), listed at the same time: the
 * pages of a chunk whose keys are spread thinly (ten pages for a thousand keys when one
 * object in ten is planned) are waited for side by side instead of one after another, at
 * the cost of at most one more request a slice. A slice lists from just before its first
 * key to its last, so every key sought lies in exactly one slice's range; the answer is
 * the same as one thread's.
 */
final class KeyRangeListing {

	/** The fewest keys a slice of its own is cut for. */
	static final int MIN_SLICE = 100;

	private final S3Client s3;

	private final String bucket;

	private final int pageSize;

	private final int threads;

	private final Executor executor;

	private final LongAdder requests = new LongAdder();

	/**
	 * One thread: every range listed on the caller's thread.
	 */
	KeyRangeListing(S3Client s3, String bucket, int pageSize) {
		this(s3, bucket, pageSize, 1, Runnable::run);
	}

	/**
	 * @param threads slices of a prefix's keys listed at the same time
	 * @param executor runs the slices (it must be able to run {@code threads} of them at
	 * once, or they wait their turn)
	 */
	KeyRangeListing(S3Client s3, String bucket, int pageSize, int threads, Executor executor) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, not " + threads);
		}
		this.s3 = s3;
		this.bucket = bucket;
		this.pageSize = pageSize;
		this.threads = threads;
		this.executor = executor;
	}

	/**
	 * @param objects planned objects, each under its plan prefix
	 * @return the listed objects among their keys, by key
	 */
	Map<String, S3Object> current(List<PlannedObject> objects) {
		Map<String, List<String>> byPrefix = objects.stream()
			.collect(Collectors.groupingBy(PlannedObject::prefix, TreeMap::new,
					Collectors.mapping(PlannedObject::key, Collectors.toList())));
		List<Slice> slices = new ArrayList<>();
		byPrefix.forEach((prefix, keys) -> slices
			.addAll(slices(prefix, keys.stream().distinct().sorted(S3KeyOrder.INSTANCE).toList())));
		Map<String, S3Object> found = new HashMap<>();
		if (slices.size() == 1 || this.threads == 1) {
			// one thread: every slice (one a prefix) on the caller's thread, in turn
			slices.forEach(slice -> list(slice, found));
			return found;
		}
		List<CompletableFuture<Map<String, S3Object>>> listed = slices.stream()
			.map(slice -> CompletableFuture.supplyAsync(() -> {
				Map<String, S3Object> part = new HashMap<>();
				list(slice, part);
				return part;
			}, this.executor))
			.toList();
		try {
			// once every slice was handed over, each ends before the chunk goes on,
			// failed or not; a failure to hand one over (the caller interrupted while
			// the executor is at its limit) fails the chunk at once, and the slices
			// already started only fill maps of their own, which nobody reads
			CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
		listed.forEach(part -> found.putAll(part.join()));
		return found;
	}

	private List<Slice> slices(String prefix, List<String> sought) {
		int count = Math.max(1, Math.min(this.threads, sought.size() / MIN_SLICE));
		List<Slice> slices = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			slices.add(new Slice(prefix, sought.subList(i * sought.size() / count, (i + 1) * sought.size() / count)));
		}
		return slices;
	}

	/**
	 * Keys of one prefix, consecutive in S3 order.
	 *
	 * @param prefix their prefix
	 * @param sought the keys, distinct, in S3 order
	 */
	private record Slice(String prefix, List<String> sought) {
	}

	private void list(Slice slice, Map<String, S3Object> found) {
		String prefix = slice.prefix();
		List<String> sought = slice.sought();
		Set<String> wanted = new HashSet<>(sought);
		String last = sought.get(sought.size() - 1);
		// the first key sought that no page has gone past yet
		int next = 0;
		String startAfter = before(sought.get(0));
		@Nullable String continuation = null;
		while (true) {
			ListObjectsV2Response response = page(prefix, startAfter, continuation);
			this.requests.increment();
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
		return this.requests.sum();
	}

}
