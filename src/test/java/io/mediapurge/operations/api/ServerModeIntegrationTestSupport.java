package io.mediapurge.operations.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.support.TestServers;
import io.mediapurge.operations.lease.LeaseState;
import io.mediapurge.support.ApplicationTestSupport;

/**
 * The long-running mode on random ports (application and management) over the in-process
 * MongoDB and S3 servers and an in-memory H2 job repository, called over real HTTP. Two
 * users with passwords made up for the run: an operator and a viewer. All subclasses
 * share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.profiles.active=server",
				"spring.datasource.url=jdbc:h2:mem:server-mode;DB_CLOSE_DELAY=-1", "management.server.port=0",
				"media-purge.schedule.enabled=false" })
public abstract class ServerModeIntegrationTestSupport extends ApplicationTestSupport {

	protected static final String OPERATOR = "olivia";

	protected static final String VIEWER = "victor";

	protected static final String OPERATOR_PASSWORD = UUID.randomUUID().toString();

	protected static final String VIEWER_PASSWORD = UUID.randomUUID().toString();

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("media-purge.security.users[0].username", () -> OPERATOR);
		registry.add("media-purge.security.users[0].password", () -> "{noop}" + OPERATOR_PASSWORD);
		registry.add("media-purge.security.users[0].role", () -> "OPERATOR");
		registry.add("media-purge.security.users[1].username", () -> VIEWER);
		registry.add("media-purge.security.users[1].password", () -> "{noop}" + VIEWER_PASSWORD);
		registry.add("media-purge.security.users[1].role", () -> "VIEWER");
	}

	protected final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	protected final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	protected HttpResponse<String> get(String path, @Nullable String user) {
		return send(request(path, user).GET());
	}

	protected HttpResponse<String> post(String path, @Nullable String user, @Nullable String body) {
		HttpRequest.Builder request = request(path, user);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	protected HttpRequest.Builder request(String path, @Nullable String user) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
		if (user != null) {
			String password = user.equals(OPERATOR) ? OPERATOR_PASSWORD : VIEWER_PASSWORD;
			request.header("Authorization", basic(user, password));
		}
		return request;
	}

	protected static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	protected URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) {
		return send(this.http, request.build());
	}

	protected static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected JsonNode json(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	/**
	 * Waits until an execution has ended, through the API.
	 * @param id the execution
	 * @return its detail once ended
	 */
	protected JsonNode awaitEnd(long id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode detail = json(get("/api/executions/" + id, VIEWER));
			if (!RUNNING.contains(detail.get("status").asString())) {
				// Spring Batch saves the ended execution before its listeners complete
				// its
				// exit description, and saves it again after them; the run's thread gives
				// the lease up only after both
				awaitLeaseReleased();
				return json(get("/api/executions/" + id, VIEWER));
			}
			pause();
		}
		throw new AssertionError("Execution " + id + " did not end within 60 s");
	}

	/** The run's thread gives the job's lease up just after the execution ends. */
	private void awaitLeaseReleased() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.control.currentLease().filter(LeaseState::live).isPresent() && System.nanoTime() < deadline) {
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
