package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.List;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 server's storage behaving like one S3 key prefix: a DeleteObjects request that
 * would take the keys deleted in the last second above a set rate is refused as a whole
 * with 503 SlowDown, as S3 does. Every request is recorded with the time it arrived.
 */
final class ThrottlingBlobStore extends ForwardingBlobStore {

	private static final long SECOND = 1_000_000_000L;

	/** A request as it arrived: when, how many keys, and whether it was served. */
	record Arrival(long nanoTime, int keys, boolean served) {
	}

	private final int keysPerSecond;

	private final List<Arrival> arrivals = new ArrayList<>();

	ThrottlingBlobStore(BlobStore delegate, int keysPerSecond) {
		super(delegate);
		this.keysPerSecond = keysPerSecond;
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		int keys = request.delete().objects().size();
		synchronized (this) {
			long now = System.nanoTime();
			long recent = this.arrivals.stream()
				.filter(a -> a.served() && a.nanoTime() > now - SECOND)
				.mapToLong(Arrival::keys)
				.sum();
			boolean served = recent + keys <= this.keysPerSecond;
			this.arrivals.add(new Arrival(now, keys, served));
			if (!served) {
				throw (S3Exception) S3Exception.builder()
					.statusCode(503)
					.message("SlowDown")
					.awsErrorDetails(AwsErrorDetails.builder()
						.errorCode("SlowDown")
						.errorMessage("Please reduce your request rate.")
						.build())
					.build();
			}
		}
		return super.removeBlobs(request);
	}

	synchronized List<Arrival> arrivals() {
		return List.copyOf(this.arrivals);
	}

	synchronized long refused() {
		return this.arrivals.stream().filter(a -> !a.served()).count();
	}

}
