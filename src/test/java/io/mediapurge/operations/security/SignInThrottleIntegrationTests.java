package io.mediapurge.operations.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing against the long-running mode over real HTTP, with real bcrypt hashes
 * of cost 12. Each test comes from its own client addresses, as a proxy the server trusts
 * forwards them ({@code X-Forwarded-For} from the loopback address).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.profiles.active=server",
				"spring.datasource.url=jdbc:h2:mem:sign-in-throttle;DB_CLOSE_DELAY=-1", "management.server.port=0",
				"media-purge.schedule.enabled=false", "management.health.mongodb.enabled=false",
				"media-purge.security.sign-in-throttle.per-address.failures=5",
				"media-purge.security.sign-in-throttle.per-address.period=1m",
				"media-purge.security.sign-in-throttle.per-user.failures=8",
				"media-purge.security.sign-in-throttle.per-user.period=10m" })
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleIntegrationTests {

	private static final String[] USERS = { "olivia", "victor", "kim" };

	private static final String PASSWORD = UUID.randomUUID().toString();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		String hash = PasswordHash.hash(PASSWORD.toCharArray());
		for (int i = 0; i < USERS.length; i++) {
			String user = USERS[i];
			registry.add("media-purge.security.users[" + i + "].username", () -> user);
			registry.add("media-purge.security.users[" + i + "].password", () -> hash);
			registry.add("media-purge.security.users[" + i + "].role", () -> "VIEWER");
		}
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private MeterRegistry registry;

	@Test
	void guessesFromOneAddressAreRefusedWith429OnceItsFailuresAreUsedUp(CapturedOutput output) {
		// given
		String attacker = "198.51.100.7";
		double failuresBefore = failures("olivia");

		// when: twelve wrong passwords in a row, then the right one
		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			answers.add(get(attacker, "olivia", "guess-" + i));
		}
		HttpResponse<String> right = get(attacker, "olivia", PASSWORD);

		// then: five checked and refused, the rest refused before any check, with when to
		// come back
		assertThat(answers).extracting(HttpResponse::statusCode)
			.containsExactly(401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429);
		for (HttpResponse<String> refused : answers.subList(5, 12)) {
			assertThat(refused.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
			assertThat(refused.body()).contains("Too many failed sign-ins");
		}
		assertThat(right.statusCode()).as("the right password from the same address, still throttled").isEqualTo(429);
		// one WARN line per failed check, with the user and the client's address; never
		// the password
		List<String> warnings = lines(output, "Failed sign-in as 'olivia' from 198.51.100.7");
		assertThat(warnings).hasSize(5).allMatch((line) -> line.contains(" WARN "));
		assertThat(output.getAll()).doesNotContain("guess-").doesNotContain(PASSWORD);
		assertThat(failures("olivia") - failuresBefore).isEqualTo(5);
		// another address may still sign in as olivia: she has 3 failures left
		assertThat(get("198.51.100.8", "olivia", PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void theAlertRulesMetricsAreScrapedFromTheManagementPort() throws Exception {
		get("198.51.100.20", "kim", "a-guess");

		HttpResponse<String> scrape = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(scrape.body()).contains("media_purge_sign_in_failures_total{user=\"kim\"}")
			.contains("media_purge_sign_in_failures_total{user=\"(unknown)\"}")
			.contains("media_purge_sign_in_throttled_total");
		String rules = java.nio.file.Files
			.readString(java.nio.file.Path.of("helm/media-purge/files/prometheus-rules.yaml"));
		assertThat(rules).contains("alert: MediaPurgeSignInFailures")
			.contains("increase(media_purge_sign_in_failures_total[10m])");
	}

	@Test
	void guessesForOneNameFromManyAddressesAreRefusedAlikeForRealAndMadeUpNames() {
		for (String user : List.of("victor", "nobody-" + UUID.randomUUID())) {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				statuses.add(get("192.0.2." + (10 + i), user, "guess-" + i).statusCode());
			}
			assertThat(statuses).as(user).containsExactly(401, 401, 401, 401, 401, 401, 401, 401, 429, 429);
		}
		assertThat(get("192.0.2.99", "victor", PASSWORD).statusCode()).isEqualTo(429);
	}

	@Test
	void aFloodIsRefusedBeforeAnyPasswordIsChecked() throws Exception {
		// given: 8 parallel streams of 25 guesses each from one address, every one for
		// another made-up name
		String attacker = "203.0.113.9";
		double failuresBefore = failures(SignInEvents.UNKNOWN_USER);
		ExecutorService streams = Executors.newFixedThreadPool(8);
		List<Future<Integer>> answers = new ArrayList<>();

		// when
		try {
			for (int i = 0; i < 200; i++) {
				answers.add(streams.submit(() -> get(attacker, "x-" + UUID.randomUUID(), "guess").statusCode()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}

			// then: at most the address's 5 failures, plus one per stream that was
			// already checking when the bucket emptied, ever reached bcrypt
			double checked = failures(SignInEvents.UNKNOWN_USER) - failuresBefore;
			assertThat(checked).isBetween(5.0, 13.0);
			assertThat(statuses.stream().filter((status) -> status == 429).count()).isEqualTo(200 - (long) checked);
		}
		finally {
			streams.shutdownNow();
		}
	}

	@Test
	void aWrongPasswordCostsTheSameForARealAndAMadeUpName() {
		// medians of interleaved attempts, each from its own address so none is throttled
		List<Long> real = new ArrayList<>();
		List<Long> madeUp = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			real.add(timed("100.64.1." + i, "kim"));
			madeUp.add(timed("100.64.2." + i, "nobody-" + UUID.randomUUID()));
		}
		double ratio = (double) median(madeUp) / median(real);
		System.out.printf("Wrong password: real user %d ms, made-up name %d ms (median of 7), ratio %.2f%n",
				median(real) / 1_000_000, median(madeUp) / 1_000_000, ratio);
		// cost 10 against cost 12 was a quarter of the time
		assertThat(ratio).isBetween(0.6, 1.7);
	}

	private long timed(String address, String user) {
		long start = System.nanoTime();
		assertThat(get(address, user, "wrong").statusCode()).isEqualTo(401);
		return System.nanoTime() - start;
	}

	private static long median(List<Long> values) {
		long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	private double failures(String user) {
		Counter counter = this.registry.find(SignInEvents.FAILURES).tag("user", user).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> get(String clientAddress, String user, String password) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
			.header("X-Forwarded-For", clientAddress)
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> lines(CapturedOutput output, String containing) {
		return Arrays.stream(output.getAll().split("\r?\n")).filter((line) -> line.contains(containing)).toList();
	}

}
