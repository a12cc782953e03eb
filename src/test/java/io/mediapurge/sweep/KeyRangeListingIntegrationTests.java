package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;
import io.mediapurge.sweep.plan.PlannedObject;

/**
 * The listing of a chunk's keys, against the in-process S3 server: every key sought is
 * returned as listed or not at all, and the keys between runs of the chunk's keys are
 * skipped, not paged through.
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
