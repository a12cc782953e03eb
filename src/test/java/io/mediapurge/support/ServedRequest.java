package io.mediapurge.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStoreLocator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One bucket-level request the in-process S3 server serves, as the stores behind it see
 * it. S3Proxy hands a DeleteObjects request to the store in one
 * {@link BlobStore#removeBlobs} call, unless one of its keys carries an ETag (a
 * conditional delete): then it serves the request key by key, on the request's thread,
 * reading each object's metadata, answering {@code PreconditionFailed} for a key whose
 * ETag differs and calling {@link BlobStore#removeBlob} for the others. A store that
 * counts DeleteObjects requests asks {@link #deleteObjects()} whether a removeBlob call
 * is one key of such a request, and keeps its count of the request in {@link #state}.
 */
public final class ServedRequest extends ForwardingBlobStore {

	private static final ThreadLocal<ServedRequest> REMOVING = new ThreadLocal<>();

	private final Map<Object, Object> states = new ConcurrentHashMap<>();

	private ServedRequest(BlobStore served) {
		super(served);
	}

	/**
	 * @param served the store the server serves
	 * @return a locator that gives each bucket-level request a {@link ServedRequest} of
	 * its own, and grants the test credentials alone
	 */
	static BlobStoreLocator locator(BlobStore served, String identity, String credential) {
		return (requestIdentity, container, blob) -> identity.equals(requestIdentity)
				? new AccessGrant(credential, (container != null && blob == null) ? new ServedRequest(served) : served)
				: null;
	}

	/**
	 * @return the DeleteObjects request whose keys the current thread is removing one by
	 * one, or {@code null}
	 */
	public static @Nullable ServedRequest deleteObjects() {
		return REMOVING.get();
	}

	/**
	 * @param store the store that keeps the state
	 * @param initial makes the state at the store's first call for this request
	 * @return the store's state for this request
	 */
	@SuppressWarnings("unchecked")
	public <T> T state(Object store, Supplier<T> initial) {
		return (T) this.states.computeIfAbsent(store, any -> initial.get());
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		// one call for the whole request: the stores behind see it as it is
		return delegate().removeBlobs(request);
	}

	@Override
	public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
		// at bucket level, only a conditional delete reads an object's metadata
		return removing(() -> super.blobMetadata(request));
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		return removing(() -> super.removeBlob(request));
	}

	private <T> T removing(Supplier<T> call) {
		REMOVING.set(this);
		try {
			return call.get();
		}
		finally {
			REMOVING.remove();
		}
	}

}
