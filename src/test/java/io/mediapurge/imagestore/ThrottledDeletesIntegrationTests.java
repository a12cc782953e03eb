package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The deleter against an S3 server that answers 503 SlowDown above a set rate, like one
 * S3 key prefix. Scaled down (requests of 100 keys, limits of hundreds of keys per
 * second) so that each test takes a few seconds.
 */
class ThrottledDeletesIntegrationTests {

	private static final String BUCKET = "media";

	private static final long MS = 1_000_000L;

	private S3Proxy proxy;

	private S3Client client;

	/** Every DeleteObjects request as it went on the wire: {time, keys}. */
	private final List<long[]> sent = new CopyOnWriteArrayList<>();

	/** The most keys sent within any one second. */
	private long busiestSecond() {
		long most = 0;
		for (long[] first : this.sent) {
			most = Math.max(most,
					this.sent.stream()
						.filter(s -> s[0] >= first[0] && s[0] < first[0] + 1000 * MS)
						.mapToLong(s -> s[1])
						.sum());
		}
		return most;
	}

	private ThrottlingBlobStore start(int serverKeysPerSecond) throws Exception {
		ThrottlingBlobStore store = new ThrottlingBlobStore(new TransientNio2BlobStore(), serverKeysPerSecond);
		this.proxy = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V4, "key", "secret")
			.stopTimeout(0)
			.build();
		this.proxy.start();
		// as the application builds it: no SDK retries, the deleter decides
		this.client = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.proxy.getPort()))
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
			.httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
			.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.addExecutionInterceptor(new ExecutionInterceptor() {
					@Override
					public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
						if (context.request() instanceof DeleteObjectsRequest request) {
							ThrottledDeletesIntegrationTests.this.sent
								.add(new long[] { System.nanoTime(), request.delete().objects().size() });
						}
					}
				}))
			.build();
		this.client.createBucket(request -> request.bucket(BUCKET));
		return store;
	}

	@AfterEach
	void stop() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		if (this.proxy != null) {
			this.proxy.stop();
		}
	}

	/** Puts the objects straight into the server's storage, which is much faster. */
	private List<String> seed(ThrottlingBlobStore store, int count) {
		List<String> keys = IntStream.range(0, count).mapToObj(i -> "galleries/" + i + "/0.jpg").toList();
		keys.forEach(key -> store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength(1L).build(),
				new ByteArrayInputStream(new byte[] { 'x' })));
		assertThat(bucketKeys()).hasSize(count);
		return keys;
	}

	private Set<String> bucketKeys() {
		return this.client.listObjectsV2Paginator(request -> request.bucket(BUCKET))
			.contents()
			.stream()
			.map(S3Object::key)
			.collect(Collectors.toSet());
	}

	private S3ImageDeleter deleter(int keysPerSecond) {
		S3Properties properties = new S3Properties(BUCKET, "us-east-1", null, true, List.of(), List.of(), false,
				new S3Properties.Delete(100, 5, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(10),
						Duration.ofSeconds(5), keysPerSecond, List.of(), 1),
				true, null, List.of());
		return new S3ImageDeleter(this.client, properties);
	}

	@Test
	void holdsTheRateSoThatAServerWithRoomToSpareNeverThrottles() throws Exception {
		ThrottlingBlobStore store = start(600);
		List<String> keys = seed(store, 900);
		S3ImageDeleter deleter = deleter(300);
		long started = System.nanoTime();
		DeleteReport report = deleter.delete(keys);
		long elapsed = System.nanoTime() - started;

		assertThat(report.failed()).isEmpty();
		assertThat(report.deleted()).hasSize(900);
		assertThat(bucketKeys()).isEmpty();
		assertThat(store.refused()).isZero();
		assertThat(report.requests()).isEqualTo(9);
		// 300 keys go out at once, then 300 a second: 900 keys take at least 2 s
		assertThat(elapsed).isGreaterThanOrEqualTo(2000 * MS);
		assertThat(this.sent).hasSize(9);
		assertThat(busiestSecond()).isLessThanOrEqualTo(300);
		assertThat(deleter.budgets().throttleCount()).isZero();
	}

	@Test
	void slowsDownWhileTheServerAnswersSlowDownAndStillDeletesEveryKey() throws Exception {
		// the limit is set above what this prefix takes (another writer shares it, say)
		ThrottlingBlobStore store = start(150);
		List<String> keys = seed(store, 600);
		S3ImageDeleter deleter = deleter(400);
		DeleteReport report = deleter.delete(keys);

		assertThat(report.failed()).isEmpty();
		assertThat(report.deleted()).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(bucketKeys()).isEmpty();
		// the limit holds for every request sent, refused ones included
		assertThat(this.sent).hasSize(store.arrivals().size());
		assertThat(busiestSecond()).isLessThanOrEqualTo(400);
		// the server refused some, the limiter halved its rate each time...
		assertThat(store.refused()).isPositive();
		assertThat(deleter.budgets().throttleCount()).isEqualTo(store.refused());
		assertThat(deleter.budgets().rate()).isLessThan(400);
	}

	@Test
	void asksTheCheckOnceTheBudgetLetsARequestGoAndNeverSendsAWithheldKey() throws Exception {
		ThrottlingBlobStore store = start(100_000);
		List<String> keys = seed(store, 300);
		Set<String> shownMeanwhile = Set.of("galleries/150/0.jpg", "galleries/299/0.jpg");
		List<long[]> asked = new CopyOnWriteArrayList<>();
		DeleteReport report = deleter(100).delete(keys, batch -> {
			asked.add(new long[] { System.nanoTime(), batch.size() });
			return batch.stream().filter(shownMeanwhile::contains).collect(Collectors.toSet());
		});

		assertThat(report.withheld()).isEqualTo(shownMeanwhile);
		assertThat(report.deleted()).hasSize(298).doesNotContainAnyElementsOf(shownMeanwhile);
		assertThat(report.failed()).isEmpty();
		assertThat(bucketKeys()).isEqualTo(shownMeanwhile);
		// 100 keys a second: the second and third requests each waited about a second for
		// the budget, and the check was asked after that wait, right before each left (a
		// check asked before the wait would precede its request by about a second; the
		// bound
		// leaves room for a loaded machine)
		assertThat(asked).hasSize(3);
		assertThat(this.sent).hasSize(3);
		for (int i = 1; i < 3; i++) {
			assertThat(asked.get(i)[0] - asked.get(i - 1)[0]).isGreaterThanOrEqualTo(900 * MS);
			assertThat(this.sent.get(i)[0] - asked.get(i)[0]).isLessThan(800 * MS);
		}
		assertThat(this.sent.stream().mapToLong(s -> s[1]).sum()).isEqualTo(298);
	}

	@Test
	void aCheckThatRefusesStopsTheDeletesBeforeTheNextRequest() throws Exception {
		ThrottlingBlobStore store = start(100_000);
		List<String> keys = seed(store, 300);
		int[] asks = new int[1];
		SendCheck fence = batch -> {
			if (++asks[0] == 2) {
				throw new IllegalStateException("the lease was lost");
			}
			return Set.of();
		};

		assertThatThrownBy(() -> deleter(0).delete(keys, fence)).hasMessage("the lease was lost");

		assertThat(this.sent).hasSize(1);
		assertThat(bucketKeys()).hasSize(200);
	}

	@Test
	void eachRetryIsCheckedAgainWithTheKeysItWouldCarry() throws Exception {
		// the server throttles, so some requests go out again after a backoff
		ThrottlingBlobStore store = start(150);
		List<String> keys = seed(store, 600);
		Set<String> askedBefore = ConcurrentHashMap.newKeySet();
		Set<String> withheldOnRetry = ConcurrentHashMap.newKeySet();
		List<Long> expectedRequests = new CopyOnWriteArrayList<>();
		DeleteReport report = deleter(400).delete(keys, batch -> {
			String retried = batch.stream().filter(askedBefore::contains).findFirst().orElse(null);
			askedBefore.addAll(batch);
			if (retried != null && withheldOnRetry.isEmpty()) {
				withheldOnRetry.add(retried);
			}
			Set<String> withheld = (retried != null && withheldOnRetry.contains(retried)) ? Set.of(retried) : Set.of();
			if (batch.size() > withheld.size()) {
				expectedRequests.add((long) (batch.size() - withheld.size()));
			}
			return withheld;
		});

		assertThat(store.refused()).isPositive();
		assertThat(withheldOnRetry).hasSize(1);
		assertThat(report.withheld()).isEqualTo(withheldOnRetry);
		assertThat(bucketKeys()).isEqualTo(withheldOnRetry);
		// one question before every request, retries included, with the keys it was about
		// to carry
		assertThat(this.sent.stream().map(sent -> sent[1]).toList()).isEqualTo(expectedRequests);
		assertThat(report.deleted()).hasSize(599);
	}

}
