package io.mediapurge.sweep;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.sweep.plan.PlannedObject;

/**
 * Lists the bucket under each of the plan's prefixes in turn, one ListObjectsV2 request
 * per page of up to 1,000 keys: no request per object. Never lists outside the prefixes:
 * the prefix goes with every request, and a key the store answers outside it (a
 * misbehaving S3-compatible store) is dropped with a warning, never read.
 *
 * <p>
 * Keeps no restart state: a restarted plan lists again from the start (the mark and the
 * listed keys live in memory), and its writer forgets what the interrupted listing wrote.
 */
final class BucketListingItemReader implements ItemReader<PlannedObject>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(BucketListingItemReader.class);

	private final S3Client s3;

	private final String bucket;

	private final SweepRuns runs;

	private final Deque<String> prefixes = new ArrayDeque<>();

	private final int pageSize;

	private final Deque<S3Object> page = new ArrayDeque<>();

	private @Nullable String prefix;

	private @Nullable String continuation;

	private boolean prefixDone = true;

	private long requests;

	BucketListingItemReader(S3Client s3, String bucket, SweepRuns runs, int pageSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.runs = runs;
		this.pageSize = pageSize;
	}

	/** Lists the prefixes of this execution's plan from the first. */
	@Override
	public void beforeStep(StepExecution stepExecution) {
		List<String> prefixes = this.runs.of(stepExecution.getJobExecution().getId()).prefixes();
		this.prefixes.clear();
		this.prefixes.addAll(prefixes);
		this.page.clear();
		this.prefix = null;
		this.continuation = null;
		this.prefixDone = true;
		this.requests = 0;
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().putLong("listRequests", this.requests);
		return null;
	}

	@Override
	public @Nullable PlannedObject read() {
		while (this.page.isEmpty()) {
			if (this.prefixDone) {
				this.prefix = this.prefixes.poll();
				if (this.prefix == null) {
					return null;
				}
				this.continuation = null;
			}
			fetch();
		}
		S3Object object = this.page.poll();
		return PlannedObject.listed(object.key(), (object.size() != null) ? object.size() : 0, object.lastModified(),
				String.valueOf(object.eTag()), currentPrefix());
	}

	private void fetch() {
		String listed = currentPrefix();
		ListObjectsV2Response response = this.s3.listObjectsV2(request -> request.bucket(this.bucket)
			.prefix(listed)
			.maxKeys(this.pageSize)
			.continuationToken(this.continuation));
		this.requests++;
		for (S3Object object : response.contents()) {
			if (object.key().startsWith(listed)) {
				this.page.add(object);
			}
			else {
				logger.warn("The store listed key '{}' for prefix '{}': outside the prefix, ignored", object.key(),
						listed);
			}
		}
		this.continuation = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
		this.prefixDone = this.continuation == null;
	}

	private String currentPrefix() {
		if (this.prefix == null) {
			throw new IllegalStateException("No prefix being listed");
		}
		return this.prefix;
	}

	/**
	 * @return ListObjectsV2 requests sent so far
	 */
	long requests() {
		return this.requests;
	}

}
