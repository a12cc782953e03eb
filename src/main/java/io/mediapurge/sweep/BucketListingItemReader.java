package io.mediapurge.sweep;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * Lists the bucket under one prefix of the plan (one partition of the step
 * {@code sweep-list}), one ListObjectsV2 request per page of up to 1,000 keys: no request
 * per object. Never lists outside its prefix: the prefix goes with every request, and a
 * key the store answers outside it (a misbehaving S3-compatible store) is dropped with a
 * warning, never read. Keys are asked for URL-encoded (the SDK decodes them): S3 cannot
 * write a key with a character XML 1.0 cannot carry into a listing otherwise.
 *
 * <p>
 * One instance per partition (step scope). Keeps no restart state: a restarted plan lists
 * every prefix again from the start (the mark and the listed keys live in memory), and
 * the step forgets what the interrupted listing wrote.
 */
class BucketListingItemReader implements ListingPartitionReader {

	/** The step execution context's entry that counts the ListObjectsV2 requests. */
	static final String LIST_REQUESTS = "listRequests";

	private static final Logger logger = LoggerFactory.getLogger(BucketListingItemReader.class);

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final int pageSize;

	private final Deque<S3Object> page = new ArrayDeque<>();

	private @Nullable String continuation;

	private boolean started;

	private long requests;

	BucketListingItemReader(S3Client s3, String bucket, String prefix, int pageSize) {
		if (prefix.isEmpty()) {
			throw new IllegalArgumentException("A listing partition needs a prefix: the whole bucket is never listed");
		}
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
		this.pageSize = pageSize;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.page.clear();
		this.continuation = null;
		this.started = false;
		this.requests = 0;
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().putLong(LIST_REQUESTS, this.requests);
		return null;
	}

	@Override
	public @Nullable PlannedObject read() {
		while (this.page.isEmpty()) {
			if (this.started && this.continuation == null) {
				return null;
			}
			fetch();
		}
		S3Object object = this.page.poll();
		return PlannedObject.listed(object.key(), (object.size() != null) ? object.size() : 0, object.lastModified(),
				String.valueOf(object.eTag()), this.prefix);
	}

	private void fetch() {
		ListObjectsV2Response response = this.s3.listObjectsV2(request -> request.bucket(this.bucket)
			.prefix(this.prefix)
			.encodingType(EncodingType.URL)
			.maxKeys(this.pageSize)
			.continuationToken(this.continuation));
		this.started = true;
		this.requests++;
		for (S3Object object : response.contents()) {
			if (object.key().startsWith(this.prefix)) {
				this.page.add(object);
			}
			else {
				logger.warn("The store listed key '{}' for prefix '{}': outside the prefix, ignored", object.key(),
						this.prefix);
			}
		}
		this.continuation = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
	}

	/**
	 * @return ListObjectsV2 requests sent so far
	 */
	long requests() {
		return this.requests;
	}

	String prefix() {
		return this.prefix;
	}

}
