package io.mediapurge.operations.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.support.PurgeIntegrationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * A one-shot run keeps its metrics: with the Pushgateway configured, the process pushes
 * its registry when it shuts down, domain counters included. The Pushgateway here is a
 * tiny HTTP server that records what it receives.
 */
class PushgatewayIntegrationTests extends PurgeIntegrationTestSupport {

	private record Push(String method, String path, String body) {
	}

	private final List<Push> pushes = new CopyOnWriteArrayList<>();

	private HttpServer pushgateway;

	@BeforeEach
	void startPushgateway() throws IOException {
		this.pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.pushgateway.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		this.pushgateway.start();
	}

	@AfterEach
	void stopPushgateway() {
		this.pushgateway.stop(0);
	}

	@Test
	void aOneShotRunPushesItsDomainCountersOnShutdown() {
		SampleNight.seed(this.mongo, this.s3, this.jdbc);

		int exitCode = MediaPurgeApplication
			.run(new String[] { "--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
					"--spring.datasource.url=jdbc:h2:mem:push-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--media-purge.s3.bucket=" + TestServers.BUCKET, "--media-purge.s3.endpoint=" + this.s3.endpoint(),
					"--media-purge.s3.path-style=true", "--media-purge.s3.public-base-urls=" + TestServers.CDN,
					"--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
							+ this.pushgateway.getAddress().getPort(),
					"--management.prometheus.metrics.export.pushgateway.format=text",
					"--management.prometheus.metrics.export.pushgateway.push-rate=1h",
					"--management.prometheus.metrics.export.pushgateway.shutdown-operation=put" });

		assertThat(exitCode).isEqualTo(3); // completed with skipped and blocked documents
		assertThat(this.pushes).isNotEmpty();
		Push last = this.pushes.get(this.pushes.size() - 1);
		assertThat(last.method()).isEqualTo("PUT");
		assertThat(last.path()).isEqualTo("/metrics/job/media-purge");
		PrometheusScrape pushed = new PrometheusScrape(last.body());
		assertThat(pushed.sum("media_purge_documents_total", "content_type", "gallery", "outcome", "purged", "dry_run",
				"false"))
			.isEqualTo(2);
		assertThat(pushed.sum("media_purge_images_total", "content_type", "gallery", "outcome", "deleted", "dry_run",
				"false"))
			.isEqualTo(3);
		assertThat(pushed.sum("media_purge_document_reasons_total", "outcome", "skipped", "reason", "not-an-array"))
			.isEqualTo(1);
		assertThat(pushed.sum("media_purge_last_success_timestamp_seconds")).isPositive();
		assertThat(pushed.sum("spring_batch_job_seconds_count", "spring_batch_job_status", "COMPLETED")).isEqualTo(1);
	}

}
