package io.mediapurge.benchmark;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.mediapurge.support.ServedRequest;

/**
 * The front of the benchmark's S3 server: each delete request (DeleteObject or
 * DeleteObjects) answers after the network profile's delay, half before it reaches the
 * store and half after, and a request over the rate of one of its prefixes is answered
 * 503 SlowDown, as AWS does; a ListObjectsV2 request answers after the profile's fixed
 * delay. It also keeps a per-second count of the keys deleted, for the sustained rate,
 * the span from the first delete request to the last, and the ListObjectsV2 requests.
 * Other requests (the benchmark's seeding and checks) pass unchanged. A conditional
 * DeleteObjects (keys with an ETag), which S3Proxy serves key by key, pays the same
 * delays, its fixed one once.
 */
final class NetworkBlobStore extends ForwardingBlobStore {

	private static final int SECONDS = 7200;

	private volatile NetworkProfile profile = NetworkProfile.LOOPBACK;

	private volatile PrefixThrottle throttle = new PrefixThrottle(0, System::nanoTime);

	private volatile long since = System.nanoTime();

	private final AtomicLongArray keysBySecond = new AtomicLongArray(SECONDS);

	private final AtomicLong slowDowns = new AtomicLong();

	private final AtomicLong listRequests = new AtomicLong();

	private final AtomicLong firstDelete = new AtomicLong();

	private final AtomicLong lastDelete = new AtomicLong();

	NetworkBlobStore(BlobStore delegate) {
		super(delegate);
	}

	/** Sets the profile and starts counting afresh. */
	void profile(NetworkProfile profile) {
		this.profile = profile;
		reset();
	}

	/** Forgets the throttle's window, the SlowDowns served and the keys per second. */
	void reset() {
		this.throttle = new PrefixThrottle(this.profile.s3KeysPerSecondPerPrefix(), System::nanoTime);
		this.slowDowns.set(0);
		this.listRequests.set(0);
		this.firstDelete.set(0);
		this.lastDelete.set(0);
		for (int i = 0; i < SECONDS; i++) {
			this.keysBySecond.set(i, 0);
		}
		this.since = System.nanoTime();
	}

	long slowDowns() {
		return this.slowDowns.get();
	}

	/** ListObjectsV2 requests served since the last reset. */
	long listRequests() {
		return this.listRequests.get();
	}

	/**
	 * @return seconds from the arrival of the first delete request since the last reset
	 * to the answer of the last one
	 */
	double deleteSpanSeconds() {
		long first = this.firstDelete.get();
		return (first == 0) ? 0 : (this.lastDelete.get() - first) / 1e9;
	}

	@Override
	public ListObjectsV2Response list(ListObjectsV2Request request) {
		this.listRequests.incrementAndGet();
		// a listing is a round trip too: the profile's fixed delay, half each way
		long delay = this.profile.s3FixedMicros();
		sleepMicros(delay / 2);
		ListObjectsV2Response response = super.list(request);
		sleepMicros(delay - delay / 2);
		return response;
	}

	/**
	 * @return keys deleted in each second since the last reset, from the first second
	 * with a delete to the last
	 */
	long[] keysPerSecond() {
		int first = -1;
		int last = -1;
		for (int i = 0; i < SECONDS; i++) {
			if (this.keysBySecond.get(i) > 0) {
				first = (first < 0) ? i : first;
				last = i;
			}
		}
		long[] seconds = new long[(first < 0) ? 0 : last - first + 1];
		for (int i = 0; i < seconds.length; i++) {
			seconds[i] = this.keysBySecond.get(first + i);
		}
		return seconds;
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		List<String> keys = request.delete().objects().stream().map(ObjectIdentifier::key).toList();
		arrive(keys);
		DeleteObjectsResponse response = delegate().removeBlobs(request);
		count(response.deleted().size());
		answer(keys.size());
		return response;
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		ServedRequest conditional = ServedRequest.deleteObjects();
		if (conditional != null) {
			return removeConditionally(request, conditional.state(this, OwedDelay::new));
		}
		arrive(List.of(request.key()));
		DeleteObjectResponse response = super.removeBlob(request);
		count(1);
		answer(1);
		return response;
	}

	/**
	 * One key of a conditional DeleteObjects, which S3Proxy serves key by key
	 * ({@link ServedRequest}): the request's fixed delay is paid by its first key, the
	 * keys' own delays once they add up to a millisecond (no sleep is finer), and a key
	 * over the rate is answered a per-key SlowDown.
	 */
	private DeleteObjectResponse removeConditionally(DeleteObjectRequest request, OwedDelay owed) {
		this.firstDelete.compareAndSet(0, System.nanoTime());
		sleepMicros(owed.due(this.profile));
		admit(List.of(request.key()));
		DeleteObjectResponse response = super.removeBlob(request);
		count(1);
		this.lastDelete.set(System.nanoTime());
		return response;
	}

	private void arrive(List<String> keys) {
		this.firstDelete.compareAndSet(0, System.nanoTime());
		sleepMicros(delayMicros(keys.size()) / 2);
		try {
			admit(keys);
		}
		catch (S3Exception ex) {
			answer(keys.size());
			throw ex;
		}
	}

	private void admit(List<String> keys) {
		if (!this.throttle.admit(PrefixThrottle.byPrefix(keys))) {
			this.slowDowns.incrementAndGet();
			throw (S3Exception) S3Exception.builder()
				.statusCode(503)
				.message("Please reduce your request rate.")
				.awsErrorDetails(AwsErrorDetails.builder()
					.errorCode("SlowDown")
					.errorMessage("Please reduce your request rate.")
					.build())
				.build();
		}
	}

	private void answer(int keys) {
		long delay = delayMicros(keys);
		sleepMicros(delay - delay / 2);
		this.lastDelete.set(System.nanoTime());
	}

	private long delayMicros(int keys) {
		return this.profile.s3FixedMicros() + keys * this.profile.s3PerKeyMicros();
	}

	private void count(long keys) {
		int second = (int) ((System.nanoTime() - this.since) / 1_000_000_000L);
		if (second >= 0 && second < SECONDS) {
			this.keysBySecond.addAndGet(second, keys);
		}
	}

	/** The delay a conditional DeleteObjects request still owes. */
	private static final class OwedDelay {

		private boolean started;

		private long micros;

		/**
		 * @return the delay to pay now, for one more key
		 */
		long due(NetworkProfile profile) {
			this.micros += (this.started ? 0 : profile.s3FixedMicros()) + profile.s3PerKeyMicros();
			this.started = true;
			if (this.micros < 1000) {
				return 0;
			}
			long due = this.micros;
			this.micros = 0;
			return due;
		}

	}

	static void sleepMicros(long micros) {
		if (micros <= 0) {
			return;
		}
		try {
			TimeUnit.MICROSECONDS.sleep(micros);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
