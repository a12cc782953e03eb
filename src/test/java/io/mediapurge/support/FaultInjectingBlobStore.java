package io.mediapurge.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 server's storage with faults a test can arm: per-key errors inside a 200
 * DeleteObjects answer, and whole-request failures. It also records every DeleteObjects
 * request it served and the prefix of every listing. A conditional DeleteObjects (keys
 * with an ETag), which S3Proxy serves key by key ({@link ServedRequest}), is recorded as
 * one request too, and gets the per-key faults; the whole-request failures
 * ({@link #failNextRequests}) are served to unconditional requests only, S3Proxy turning
 * any error raised for one key of a conditional request into that key's error.
 */
public final class FaultInjectingBlobStore extends ForwardingBlobStore {

	private volatile Set<String> deniedKeys = Set.of();

	private volatile Set<String> slowDownKeys = Set.of();

	private final AtomicInteger failingRequests = new AtomicInteger();

	private volatile int failureStatus = 503;

	private volatile String failureCode = "SlowDown";

	private final List<List<String>> deleteRequests = new CopyOnWriteArrayList<>();

	private final AtomicInteger slowDownsLeft = new AtomicInteger();

	private final List<String> listedPrefixes = new CopyOnWriteArrayList<>();

	private final AtomicReference<Runnable> beforeNextListing = new AtomicReference<>();

	private final AtomicReference<Runnable> afterNextListing = new AtomicReference<>();

	private final AtomicReference<Runnable> beforeNextDelete = new AtomicReference<>();

	public FaultInjectingBlobStore(BlobStore delegate) {
		super(delegate);
	}

	/** Answers AccessDenied for these keys, every time. */
	public void denyKeys(Set<String> keys) {
		this.deniedKeys = Set.copyOf(keys);
	}

	/**
	 * Answers a per-key SlowDown for these keys the next {@code times} times they are
	 * sent.
	 */
	public void slowDownKeys(Set<String> keys, int times) {
		this.slowDownKeys = Set.copyOf(keys);
		this.slowDownsLeft.set(times * keys.size());
	}

	/** Fails the next {@code count} DeleteObjects requests as a whole. */
	public void failNextRequests(int count, int status, String code) {
		this.failureStatus = status;
		this.failureCode = code;
		this.failingRequests.set(count);
	}

	/**
	 * Runs an action on the server's thread once, when the next ListObjectsV2 request
	 * arrives, before it is answered: the CMS writing while a listing is under way.
	 */
	public void beforeNextListing(Runnable action) {
		this.beforeNextListing.set(action);
	}

	/**
	 * Runs an action on the server's thread once, when the next ListObjectsV2 request has
	 * been read from the store, before it is answered: the CMS writing right after a
	 * listing saw the bucket.
	 */
	public void afterNextListing(Runnable action) {
		this.afterNextListing.set(action);
	}

	/**
	 * Runs an action on the server's thread once, when the next DeleteObjects request
	 * arrives, before any of its keys is deleted: another process acting while a request
	 * is on its way.
	 */
	public void beforeNextDelete(Runnable action) {
		this.beforeNextDelete.set(action);
	}

	public void reset() {
		this.beforeNextListing.set(null);
		this.beforeNextDelete.set(null);
		this.afterNextListing.set(null);
		this.deniedKeys = Set.of();
		this.slowDownKeys = Set.of();
		this.slowDownsLeft.set(0);
		this.failingRequests.set(0);
		this.deleteRequests.clear();
		this.listedPrefixes.clear();
	}

	/**
	 * @return the prefix of every ListObjectsV2 request received ("" for none)
	 */
	public List<String> listedPrefixes() {
		return List.copyOf(this.listedPrefixes);
	}

	@Override
	public ListObjectsV2Response list(ListObjectsV2Request request) {
		this.listedPrefixes.add((request.prefix() != null) ? request.prefix() : "");
		Runnable action = this.beforeNextListing.getAndSet(null);
		if (action != null) {
			action.run();
		}
		ListObjectsV2Response listed = super.list(request);
		Runnable after = this.afterNextListing.getAndSet(null);
		if (after != null) {
			after.run();
		}
		return listed;
	}

	/**
	 * @return the keys of every DeleteObjects request received, failed ones included
	 */
	public List<List<String>> deleteRequests() {
		return this.deleteRequests.stream().map(List::copyOf).toList();
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		this.deleteRequests.add(request.delete().objects().stream().map(o -> o.key()).toList());
		runBeforeDelete();
		if (this.failingRequests.getAndUpdate(n -> (n > 0) ? n - 1 : 0) > 0) {
			throw error(this.failureStatus, this.failureCode);
		}
		return super.removeBlobs(request);
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		sentConditionally(request.key());
		if (this.deniedKeys.contains(request.key())) {
			throw error(403, "AccessDenied");
		}
		if (this.slowDownKeys.contains(request.key())
				&& this.slowDownsLeft.getAndUpdate(n -> (n > 0) ? n - 1 : 0) > 0) {
			throw error(503, "SlowDown");
		}
		return super.removeBlob(request);
	}

	@Override
	public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
		sentConditionally(request.key());
		return super.blobMetadata(request);
	}

	/**
	 * Records a key of a conditional DeleteObjects, which S3Proxy serves key by key, in
	 * the request's one entry of {@link #deleteRequests()}.
	 */
	private void sentConditionally(String key) {
		ServedRequest conditional = ServedRequest.deleteObjects();
		if (conditional != null) {
			conditional.state(this, () -> {
				CopyOnWriteArrayList<String> keys = new CopyOnWriteArrayList<>();
				this.deleteRequests.add(keys);
				runBeforeDelete();
				return keys;
			}).addIfAbsent(key);
		}
	}

	private void runBeforeDelete() {
		Runnable action = this.beforeNextDelete.getAndSet(null);
		if (action != null) {
			action.run();
		}
	}

	private static S3Exception error(int status, String code) {
		return (S3Exception) S3Exception.builder()
			.statusCode(status)
			.message(code)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " (injected)").build())
			.build();
	}

}
