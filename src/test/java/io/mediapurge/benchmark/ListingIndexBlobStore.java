package io.mediapurge.benchmark;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;

import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Serves ListObjectsV2 (without a delimiter) from a sorted index of the keys, as S3 does,
 * page by page: S3Proxy's file-system store walks every object under the prefix for each
 * page, so listing a prefix of P objects costs it P x P / 1,000 entries, and a million
 * objects could not be listed in hours. Each listed object's size, ETag and LastModified
 * are the store's own (a HEAD of the key). The index follows every put and delete that
 * passes through it; it sits right above the store, so the seeding's writes pass too.
 */
final class ListingIndexBlobStore extends ForwardingBlobStore {

	private final Map<String, NavigableSet<String>> keys = new ConcurrentHashMap<>();

	ListingIndexBlobStore(BlobStore delegate) {
		super(delegate);
	}

	private NavigableSet<String> keys(String bucket) {
		return this.keys.computeIfAbsent(bucket, b -> new ConcurrentSkipListSet<>());
	}

	@Override
	public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
		PutObjectResponse response = super.putBlob(request, input);
		keys(request.bucket()).add(request.key());
		return response;
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		DeleteObjectResponse response = super.removeBlob(request);
		keys(request.bucket()).remove(request.key());
		return response;
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		DeleteObjectsResponse response = super.removeBlobs(request);
		NavigableSet<String> keys = keys(request.bucket());
		response.deleted().stream().map(DeletedObject::key).forEach(keys::remove);
		return response;
	}

	@Override
	public void deleteContainer(String bucket) {
		super.deleteContainer(bucket);
		this.keys.remove(bucket);
	}

	@Override
	public void deleteBucket(String bucket) {
		super.deleteBucket(bucket);
		this.keys.remove(bucket);
	}

	@Override
	public ListObjectsV2Response list(ListObjectsV2Request request) {
		if (request.delimiter() != null && !request.delimiter().isEmpty()) {
			return super.list(request);
		}
		String prefix = (request.prefix() != null) ? request.prefix() : "";
		String after = request.startAfter();
		if (request.continuationToken() != null
				&& (after == null || request.continuationToken().compareTo(after) > 0)) {
			after = request.continuationToken();
		}
		int max = (request.maxKeys() != null) ? Math.min(1000, request.maxKeys()) : 1000;
		NavigableSet<String> candidates = keys(request.bucket());
		NavigableSet<String> from = (after != null && after.compareTo(prefix) >= 0) ? candidates.tailSet(after, false)
				: candidates.tailSet(prefix, true);
		List<S3Object> contents = new ArrayList<>();
		String last = null;
		boolean truncated = false;
		for (String key : from) {
			if (!key.startsWith(prefix)) {
				break;
			}
			if (contents.size() == max) {
				truncated = true;
				break;
			}
			HeadObjectResponse head = delegate().blobMetadataIfPresent(request.bucket(), key);
			if (head != null) {
				contents.add(S3Object.builder()
					.key(key)
					.size(head.contentLength())
					.eTag(head.eTag())
					.lastModified(head.lastModified())
					.storageClass("STANDARD")
					.build());
				last = key;
			}
		}
		return ListObjectsV2Response.builder()
			.name(request.bucket())
			.prefix(request.prefix())
			.maxKeys(max)
			.keyCount(contents.size())
			.contents(contents)
			.startAfter(request.startAfter())
			.continuationToken(request.continuationToken())
			.isTruncated(truncated)
			.nextContinuationToken(truncated ? last : null)
			.build();
	}

}
