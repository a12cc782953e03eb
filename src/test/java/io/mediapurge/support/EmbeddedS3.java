package io.mediapurge.support;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.s3proxy.blobstore.BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-process S3 API server (S3Proxy over an in-memory store) with a bucket, and a
 * client to arrange and inspect it.
 */
public final class EmbeddedS3 implements AutoCloseable {

	public static final String ACCESS_KEY = "media-purge-test";

	public static final String SECRET_KEY = "media-purge-test-secret";

	private final S3Proxy proxy;

	private final BlobStore backing;

	private final FaultInjectingBlobStore store;

	private final S3Client client;

	private final String bucket;

	public EmbeddedS3(String bucket) throws Exception {
		this(bucket, new TransientNio2BlobStore());
	}

	/**
	 * @param bucket the bucket to create
	 * @param backing the store behind the server (S3Proxy's in-memory one by default)
	 */
	public EmbeddedS3(String bucket, BlobStore backing) throws Exception {
		this(bucket, backing, UnaryOperator.identity());
	}

	/**
	 * @param bucket the bucket to create
	 * @param backing the store behind the server
	 * @param front wraps the fault-injecting store into what the server serves, e.g. a
	 * store that answers after a delay
	 */
	public EmbeddedS3(String bucket, BlobStore backing, UnaryOperator<BlobStore> front) throws Exception {
		this.bucket = bucket;
		this.backing = backing;
		this.store = new FaultInjectingBlobStore(backing);
		BlobStore served = front.apply(this.store);
		this.proxy = S3Proxy.builder()
			.blobStore(served)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
			.stopTimeout(0)
			.build();
		// each bucket-level request gets a view of its own, so that a conditional
		// DeleteObjects, which S3Proxy serves key by key, still counts as one request
		this.proxy.setBlobStoreLocator(ServedRequest.locator(served, ACCESS_KEY, SECRET_KEY));
		this.proxy.start();
		this.client = S3Client.builder()
			.endpointOverride(endpoint())
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
		this.client.createBucket(request -> request.bucket(bucket));
	}

	/**
	 * A client of this server as the application builds its own: no retries by the SDK,
	 * so the deleter alone decides what is retried. The caller closes it.
	 */
	public S3Client newClientWithoutRetries() {
		return S3Client.builder()
			.endpointOverride(endpoint())
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.proxy.getPort());
	}

	public String bucket() {
		return this.bucket;
	}

	public FaultInjectingBlobStore faults() {
		return this.store;
	}

	public void put(String... keys) {
		for (String key : keys) {
			this.client.putObject(request -> request.bucket(this.bucket).key(key),
					RequestBody.fromString("image " + key));
		}
	}

	/** Writes one object with the given content (a new ETag for new content). */
	public void putContent(String key, String content) {
		this.client.putObject(request -> request.bucket(this.bucket).key(key), RequestBody.fromString(content));
	}

	/**
	 * Sets an object's LastModified in the store itself, as if it had been written then
	 * (S3 sets it on upload and offers no request to change it): listings, HEAD and the
	 * conditional checks of the server all see it. For S3Proxy's file-tree stores (the
	 * in-memory one by default), whose LastModified is the file's.
	 * @param key an object of the bucket
	 * @param lastModified when it was written
	 */
	public void setLastModified(String key, Instant lastModified) {
		if (!(this.backing instanceof AbstractNio2BlobStore nio2)) {
			throw new IllegalStateException("LastModified can be set on S3Proxy's nio2 stores only, not on "
					+ this.backing.getClass().getName());
		}
		try {
			Method getRoot = AbstractNio2BlobStore.class.getDeclaredMethod("getRoot");
			getRoot.setAccessible(true);
			Path file = ((Path) getRoot.invoke(nio2)).resolve(this.bucket).resolve(key);
			Files.setLastModifiedTime(file, FileTime.from(lastModified));
		}
		catch (ReflectiveOperationException | java.io.IOException ex) {
			throw new IllegalStateException("Cannot set the LastModified of " + key, ex);
		}
	}

	/** Deletes one object, as another client would. */
	public void delete(String key) {
		this.client.deleteObject(request -> request.bucket(this.bucket).key(key));
	}

	/**
	 * The object's ETag and LastModified as a listing shows them, or null when absent.
	 */
	public S3Object listed(String key) {
		return this.client
			.listObjectsV2(request -> request.bucket(this.bucket).prefix(key).encodingType(EncodingType.URL))
			.contents()
			.stream()
			.filter(object -> object.key().equals(key))
			.findFirst()
			.orElse(null);
	}

	public boolean exists(String key) {
		try {
			this.client.headObject(request -> request.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The bucket's keys. Listed URL-encoded, as the application lists, so that a key XML
	 * cannot carry (U+FFFF, a control character) does not break the listing.
	 */
	public Set<String> keys() {
		return this.client.listObjectsV2Paginator(request -> request.bucket(this.bucket).encodingType(EncodingType.URL))
			.contents()
			.stream()
			.map(S3Object::key)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	/** Empties the bucket and disarms every fault. */
	public void clear() {
		this.store.reset();
		List<String> keys = List.copyOf(keys());
		for (String key : keys) {
			this.client.deleteObject(request -> request.bucket(this.bucket).key(key));
		}
		this.store.reset();
	}

	@Override
	public void close() throws Exception {
		this.client.close();
		this.proxy.stop();
	}

}
