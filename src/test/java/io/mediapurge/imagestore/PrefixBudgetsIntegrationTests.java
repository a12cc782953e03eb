package io.mediapurge.imagestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The deleter's budgets per key prefix against the in-process S3 server: each request
 * carries the keys of one prefix, and S3's SlowDown for one prefix slows that prefix
 * only.
 */
class PrefixBudgetsIntegrationTests extends EmbeddedS3DeleterTestSupport {

	private S3ImageDeleter deleter(int keysPerSecond, List<String> keyPrefixes, List<String> budgetPrefixes) {
		S3Properties properties = new S3Properties("media", "us-east-1", this.s3.endpoint(), true, List.of(),
				keyPrefixes, false, new S3Properties.Delete(100, 5, Duration.ofMillis(20), Duration.ofMillis(100),
						Duration.ofSeconds(10), Duration.ofSeconds(5), keysPerSecond, budgetPrefixes, 1),
				true, null, List.of());
		return new S3ImageDeleter(this.client, properties);
	}

	private static List<String> keys(String prefix, int count) {
		return IntStream.range(0, count).mapToObj(i -> prefix + i + ".jpg").toList();
	}

	/**
	 * Galleries and articles interleaved, as the documents of one chunk may show them.
	 */
	private static List<String> interleaved(int each) {
		return IntStream.range(0, each)
			.boxed()
			.flatMap(i -> Stream.of("galleries/" + i + ".jpg", "articles/" + i + ".jpg"))
			.toList();
	}

	@Test
	void fillsEachRequestWithTheKeysOfOnePrefix() {
		List<String> keys = interleaved(150);
		this.s3.put(keys.toArray(String[]::new));
		DeleteReport report = deleter(3000, List.of("galleries/", "articles/"), List.of()).delete(keys);

		assertThat(report.deleted()).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(this.s3.keys()).isEmpty();
		List<List<String>> requests = this.s3.faults().deleteRequests();
		// 150 keys per prefix in requests of at most 100: two requests each, full first
		assertThat(requests).hasSize(4);
		assertThat(requests).allSatisfy(
				request -> assertThat(request.stream().map(key -> key.substring(0, key.indexOf('/') + 1)).distinct())
					.hasSize(1));
		assertThat(requests.stream().map(List::size)).containsExactly(100, 50, 100, 50);
	}

	@Test
	void aSlowDownUnderOnePrefixHalvesThatPrefixsBudgetOnly() {
		List<String> galleries = keys("galleries/", 50);
		List<String> articles = keys("articles/", 50);
		this.s3.put(galleries.toArray(String[]::new));
		this.s3.put(articles.toArray(String[]::new));
		this.s3.faults().slowDownKeys(Set.copyOf(galleries), 1);
		S3ImageDeleter deleter = deleter(400, List.of("galleries/", "articles/"), List.of());

		DeleteReport report = deleter.delete(Stream.concat(galleries.stream(), articles.stream()).toList());

		assertThat(report.failed()).isEmpty();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(deleter.budgets().throttleCount()).isEqualTo(1);
		assertThat(deleter.budgets().rates().get("galleries/")).isLessThan(400.0);
		assertThat(deleter.budgets().rates().get("articles/")).isEqualTo(400.0);
	}

	@Test
	void budgetPrefixesReplaceTheKeyPrefixesAsBudgets() {
		S3ImageDeleter deleter = deleter(400, List.of("media/"), List.of("media/galleries/", "media/articles/"));
		assertThat(deleter.budgets().limit()).isEqualTo(800);
		assertThat(deleter.budgets().prefixOf("media/articles/1.jpg")).isEqualTo("media/articles/");
	}

}
