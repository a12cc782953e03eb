package io.mediapurge.reliability.operations;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.operations.cli.PurgeCommandLine;
import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.support.ChunkGate;

/**
 * The long-running mode, one document per chunk, with a {@link ChunkGate} to hold a
 * step's thread at an exact moment, and the CMS of {@link #seed()}: a due document or two
 * of every content type, each with images of its own, and a live gallery. The steps run
 * one after another in the order article, gallery, ott-release, theater-release.
 */
@Import(ChunkGate.Configuration.class)
abstract class OperationsSafetyTestSupport extends ServerModeIntegrationTestSupport {

	/** Every key {@link #seed()} puts in the bucket. */
	static final Set<String> ALL_KEYS = Set.of("articles/a1.jpg", "articles/a2.jpg", "galleries/g1.jpg",
			"galleries/g2.jpg", "releases/o1.jpg", "releases/t1-image.jpg", "releases/t1-banner.jpg",
			"galleries/live.jpg");

	@DynamicPropertySource
	static void oneDocumentPerChunk(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:operations-safety;DB_CLOSE_DELAY=-1");
		registry.add("media-purge.chunk-size", () -> "1");
		registry.add("media-purge.fill-requests", () -> "false");
		// no heartbeat renews the lease while a test lets it lapse on purpose
		registry.add("media-purge.lease.ttl", () -> "30m");
	}

	@Autowired
	ChunkGate gate;

	@Autowired
	ExecutionQueries queries;

	@Autowired
	DryRunPlans plans;

	@BeforeEach
	void emptyJournal() {
		this.jdbc.update("DELETE FROM purge_deleted_image");
	}

	@AfterEach
	void releaseTheGate() {
		this.gate.release();
	}

	/**
	 * Articles a1 and a2, galleries g1 and g2, OTT release o1 and theater release t1 (two
	 * images), all due; a live gallery.
	 */
	void seed() {
		this.s3.put(ALL_KEYS.toArray(String[]::new));
		this.mongo.getCollection("articles")
			.insertMany(List.of(due(article("a1", cdnUrl("articles/a1.jpg"), List.of())),
					due(article("a2", cdnUrl("articles/a2.jpg"), List.of()))));
		this.mongo.getCollection("galleries")
			.insertMany(List.of(due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
					due(gallery("g2", cdnUrl("galleries/g2.jpg"))), gallery("live", cdnUrl("galleries/live.jpg"))));
		this.mongo.getCollection("ott_releases").insertOne(due(ottRelease("o1", cdnUrl("releases/o1.jpg"))));
		this.mongo.getCollection("theater_releases")
			.insertOne(due(theaterRelease("t1", cdnUrl("releases/t1-image.jpg"), cdnUrl("releases/t1-banner.jpg"))));
	}

	/**
	 * @return the ids of the documents left in every CMS collection ({@code a1},
	 * {@code g2}, {@code live}, ...)
	 */
	Set<String> documents() {
		Set<String> ids = new TreeSet<>();
		for (String collection : COLLECTIONS) {
			for (Document document : this.mongo.getCollection(collection).find()) {
				for (String field : List.of("article_id", "gallery_id", "release_id")) {
					if (document.getString(field) != null) {
						ids.add(document.getString(field));
					}
				}
			}
		}
		return ids;
	}

	/**
	 * @return the keys of every DeleteObjects request the bucket received
	 */
	Set<String> keysSentToS3() {
		Set<String> keys = new TreeSet<>();
		this.s3.faults().deleteRequests().forEach(keys::addAll);
		return keys;
	}

	Set<String> keysWithout(String... deleted) {
		Set<String> keys = new TreeSet<>(ALL_KEYS);
		List.of(deleted).forEach(keys::remove);
		return keys;
	}

	JsonNode show(long id) {
		return json(get("/api/executions/" + id, VIEWER));
	}

	List<String> actions(long id) {
		List<String> actions = new ArrayList<>();
		show(id).get("actions").forEach((action) -> actions.add(action.asString()));
		return actions;
	}

	/**
	 * {@code java -jar media-purge.jar <arguments>} in this process: the command line on
	 * this application's launcher, as the one-shot runner calls it.
	 * @return the exit code and what it printed
	 */
	CommandLineRun commandLine(String... arguments) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ExitCodes code = new PurgeCommandLine(this.launcher, this.control, this.queries, this.plans,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
			.execute(List.of(arguments));
		return new CommandLineRun(code.code(), out.toString(StandardCharsets.UTF_8),
				err.toString(StandardCharsets.UTF_8));
	}

	record CommandLineRun(int exitCode, String out, String err) {

		CommandLineRun assertExitCode(int expected) {
			assertThat(this.exitCode).as(this.out + this.err).isEqualTo(expected);
			return this;
		}

	}

}
