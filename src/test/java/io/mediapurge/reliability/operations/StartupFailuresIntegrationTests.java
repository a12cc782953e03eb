package io.mediapurge.reliability.operations;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

/**
 * The one-shot jar when something it needs is missing, as {@code main} runs it: MongoDB
 * or the job repository unreachable, a setting out of range. Each fails in a bounded time
 * with one clear message and the exit code of the table, and deletes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresIntegrationTests {

	private static final MongoClient client = MongoClients.create(TestServers.mongo().uri("cms"));

	private final EmbeddedS3 s3 = TestServers.s3();

	private final MongoDatabase cms = client.getDatabase("cms");

	private final String repository = "jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@BeforeEach
	void seed() {
		ApplicationTestSupport.COLLECTIONS
			.forEach((collection) -> this.cms.getCollection(collection).deleteMany(new Document()));
		this.s3.clear();
		this.s3.put("galleries/g1.jpg", "galleries/live.jpg");
		this.cms.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
					gallery("live", cdnUrl("galleries/live.jpg"))));
	}

	@Test
	void aSkipLimitOfZeroIsAConfigurationErrorExitingTwo(CapturedOutput output) {
		int exitCode = run(
				List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"), "--media-purge.skip-limit=0"));

		assertThat(exitCode).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(output.getAll()).contains("media-purge.skip-limit").doesNotContain("\tat ");
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		assertThat(galleries()).containsExactlyInAnyOrder("g1", "live");
	}

	private int run(List<String> options, String... arguments) {
		List<String> all = new ArrayList<>(options);
		all.add("--spring.datasource.url=" + this.repository);
		all.addAll(List.of(arguments));
		return MediaPurgeApplication.run(arguments(all));
	}

	private static String[] arguments(List<String> extra) {
		List<String> arguments = new ArrayList<>(List.of("--media-purge.s3.bucket=" + TestServers.BUCKET,
				"--media-purge.s3.endpoint=" + TestServers.s3().endpoint(), "--media-purge.s3.path-style=true",
				"--media-purge.s3.public-base-urls=" + TestServers.CDN));
		arguments.addAll(extra);
		return arguments.toArray(String[]::new);
	}

	private List<String> galleries() {
		return this.cms.getCollection("galleries")
			.find()
			.map((document) -> document.getString("gallery_id"))
			.into(new ArrayList<>());
	}

}
