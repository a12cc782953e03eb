package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * The listing of a chunk's keys, against the in-process S3 server: every key sought is
 * returned as listed or not at all, and the keys between runs of the chunk's keys are
 * skipped, not paged through; slices listed at the same time find what one thread finds.
 */
class KeyRangeListingIntegrationTests {

	private static final AtomicInteger buckets = new AtomicInteger();

	final EmbeddedS3 server = TestServers.s3();

	final S3Client s3 = S3Client.builder()
		.endpointOverride(this.server.endpoint())
		.forcePathStyle(true)
		.region(Region.US_EAST_1)
		.credentialsProvider(StaticCredentialsProvider
			.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
		.build();

	String bucket;

	@BeforeEach
	void bucket() {
		this.bucket = "key-ranges-" + buckets.incrementAndGet();
		this.s3.createBucket(request -> request.bucket(this.bucket));
		// p/000 to p/199, and q/000 to q/019
		IntStream.range(0, 200).forEach(i -> put(key("p/", i)));
		IntStream.range(0, 20).forEach(i -> put(key("q/", i)));
	}

	@Test
	void runsOfKeysFarApartCostARequestEachNotAPagePerTenKeysBetween() {
		// given: three runs of five keys over 200 objects, pages of ten
		List<String> sought = new ArrayList<>();
		for (int first : new int[] { 0, 100, 195 }) {
			IntStream.range(first, first + 5).forEach(i -> sought.add(key("p/", i)));
		}
		KeyRangeListing listing = new KeyRangeListing(this.s3, this.bucket, 10);

		// when
		Map<String, S3Object> current = listing.current(planned(sought));

		// then: each key as listed now; one request a run, where paging through
		// p/000 to p/199 took 20
		assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(sought);
		current.forEach((key, object) -> assertThat(object.eTag()).isEqualTo(listed(key).eTag()));
		assertThat(listing.requests()).isEqualTo(3);
	}

	@Test
	void keysNotListedAreMissingWhereverTheyFall() {
		// given: keys deleted since the plan, in a run, at a run's start and past the
		// bucket's last key; a run longer than a page, keys of another prefix
		this.s3.deleteObject(request -> request.bucket(this.bucket).key(key("p/", 42)));
		this.s3.deleteObject(request -> request.bucket(this.bucket).key(key("p/", 150)));
		List<String> sought = new ArrayList<>();
		IntStream.range(40, 75).filter(i -> i % 2 == 0).forEach(i -> sought.add(key("p/", i)));
		IntStream.range(150, 153).forEach(i -> sought.add(key("p/", i)));
		sought.add(key("p/", 250));
		sought.add(key("q/", 7));
		KeyRangeListing listing = new KeyRangeListing(this.s3, this.bucket, 10);

		// when
		Map<String, S3Object> current = listing.current(planned(sought));

		// then
		List<String> expected = new ArrayList<>(sought);
		expected.removeAll(List.of(key("p/", 42), key("p/", 150), key("p/", 250)));
		assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		current.forEach((key, object) -> assertThat(object.lastModified()).isEqualTo(listed(key).lastModified()));
		// p/040 to p/079: 4 pages; from p/151: 1; past p/250: 1 (empty); q/007: 1
		assertThat(listing.requests()).isEqualTo(7);
	}

	@Test
	void slicesListedAtOnceReturnWhatOneThreadReturnsWithKeysGoneAtTheirEdges() {
		// given: r/000 to r/399, of which the keys at the edges of four slices of 100
		// are gone; pages of ten
		IntStream.range(0, 400).forEach(i -> put(key("r/", i)));
		for (int gone : new int[] { 0, 99, 100, 199, 200, 300, 399 }) {
			this.s3.deleteObject(request -> request.bucket(this.bucket).key(key("r/", gone)));
		}
		List<String> sought = new ArrayList<>();
		IntStream.range(0, 400).forEach(i -> sought.add(key("r/", i)));
		sought.add(key("q/", 3));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			KeyRangeListing sliced = new KeyRangeListing(this.s3, this.bucket, 10, 4, pool);
			KeyRangeListing serial = new KeyRangeListing(this.s3, this.bucket, 10);

			// when
			Map<String, S3Object> current = sliced.current(planned(sought));

			// then: the keys still there, each as listed now, as one thread finds them
			List<String> expected = new ArrayList<>(sought);
			expected.removeAll(Stream.of(0, 99, 100, 199, 200, 300, 399).map(i -> key("r/", i)).toList());
			assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(expected);
			Map<String, S3Object> oneThread = serial.current(planned(sought));
			assertThat(current).isEqualTo(oneThread);
			// four slices of r/ (one more request each at most) and q/
			assertThat(sliced.requests()).isBetween(serial.requests(), serial.requests() + 4);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aSliceThatFailsFailsTheWholeListingWithS3sError() {
		// given: a bucket that does not exist, keys enough for four slices
		List<String> sought = IntStream.range(0, 400).mapToObj(i -> key("r/", i)).toList();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			KeyRangeListing sliced = new KeyRangeListing(this.s3, this.bucket + "-missing", 10, 4, pool);

			// when, then: S3's own exception, not a wrapper, and no partial answer
			assertThatExceptionOfType(NoSuchBucketException.class).isThrownBy(() -> sliced.current(planned(sought)));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFewKeysAreNotCutIntoSlices() {
		// given: 150 keys, four threads: fewer than two slices' worth
		List<String> sought = IntStream.range(0, 150).mapToObj(i -> key("p/", i)).toList();
		List<String> threads = new CopyOnWriteArrayList<>();
		KeyRangeListing sliced = new KeyRangeListing(this.s3, this.bucket, 10, 4, task -> {
			threads.add(Thread.currentThread().getName());
			task.run();
		});

		// when
		Map<String, S3Object> current = sliced.current(planned(sought));

		// then: listed on the caller's thread, page after page
		assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(sought);
		assertThat(threads).isEmpty();
		assertThat(sliced.requests()).isEqualTo(15);
	}

	@Test
	void theStringBeforeAKeyIsTheKeyLessItsLastCharacterNotHalfOfOne() {
		assertThat(KeyRangeListing.before("p/a😀")).isEqualTo("p/a");
		assertThat(KeyRangeListing.before("p/ab")).isEqualTo("p/a");
		assertThat(S3KeyOrder.INSTANCE.compare(KeyRangeListing.before("p/a😀"), "p/a😀")).isNegative();
	}

	private void put(String key) {
		this.s3.putObject(request -> request.bucket(this.bucket).key(key), RequestBody.fromString("image " + key));
	}

	private S3Object listed(String key) {
		return this.s3.listObjectsV2(request -> request.bucket(this.bucket).prefix(key)).contents().get(0);
	}

	private static String key(String prefix, int i) {
		return prefix + String.format("%03d", i);
	}

	private static List<PlannedObject> planned(List<String> keys) {
		return keys.stream()
			.map(key -> PlannedObject.listed(key, 1, Instant.EPOCH, "etag", key.substring(0, 2)))
			.toList();
	}

}
