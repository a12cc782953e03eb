package io.mediapurge.purge.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.ImagePath;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.support.EmbeddedMongo;

/**
 * The index check over the in-process MongoDB server, which supports {@code listIndexes}
 * and {@code createIndex}.
 */
class MongoIndexCheckIntegrationTests {

	private static final String GALLERIES_COMMAND = "db.galleries.createIndex({ \"is_deleted\": 1, \"_id\": 1, "
			+ "\"deleted_at\": 1 }, { name: \"media_purge_due\" })";

	private final EmbeddedMongo server = new EmbeddedMongo();

	private final MongoClient client = MongoClients.create(this.server.uri("cms"));

	private final MongoTemplate mongo = new MongoTemplate(this.client, "cms");

	private final ContentCatalogue catalogue = new ContentCatalogue(List.of(
			new ContentTypeSpec("gallery", "galleries", "gallery_id", "is_deleted", "deleted_at",
					List.of(ImagePath.parse("images[].url")), "test:gallery"),
			new ContentTypeSpec("ott-release", "ott-releases", "ott_id", "meta.removed", "meta.removed_at",
					List.of(ImagePath.parse("movie_image")), "test:ott-release")));

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(MongoIndexCheck.class);

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
		this.mongo.getCollection("galleries").insertOne(new Document("gallery_id", "g1"));
	}

	@AfterEach
	void close() {
		this.logger.detachAppender(this.log);
		this.client.close();
		this.server.close();
	}

	private List<Document> indexes(String collection) {
		return this.mongo.getCollection(collection).listIndexes().into(new ArrayList<>());
	}

	private List<String> warnings() {
		return this.log.list.stream()
			.filter(event -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Test
	void namesEachMissingIndexWithTheCommandThatCreatesItAndCreatesNothing() {
		List<RequiredIndex> missing = new MongoIndexCheck(this.mongo, this.catalogue, false).check();

		assertThat(missing).extracting(RequiredIndex::createCommand)
			.containsExactly(GALLERIES_COMMAND,
					"db.getCollection(\"ott-releases\").createIndex({ \"meta.removed\": 1, \"_id\": 1, "
							+ "\"meta.removed_at\": 1 }, { name: \"media_purge_due\" })");
		assertThat(warnings()).hasSize(2);
		assertThat(warnings().get(0)).contains("Collection galleries has no index for the purge reader")
			.contains("media-purge.mongo.ensure-indexes=true")
			.endsWith(GALLERIES_COMMAND);
		assertThat(indexes("galleries")).extracting(index -> index.getString("name")).containsExactly("_id_");
		assertThat(this.mongo.collectionExists("ott-releases")).isFalse();
	}

	@Test
	void createsTheMissingIndexesOnlyWhenAskedAndThenFindsThem() {
		assertThat(new MongoIndexCheck(this.mongo, this.catalogue, true).check()).isEmpty();

		assertThat(warnings()).isEmpty();
		assertThat(indexes("galleries")).extracting(index -> index.get("key"))
			.contains(new Document("is_deleted", 1).append("_id", 1).append("deleted_at", 1));
		assertThat(indexes("ott-releases")).extracting(index -> index.getString("name"))
			.contains(RequiredIndex.DUE_INDEX);
		this.log.list.clear();
		assertThat(new MongoIndexCheck(this.mongo, this.catalogue, false).check()).isEmpty();
		assertThat(warnings()).isEmpty();
	}

	@Test
	void anIndexOfAnotherNameCountsWhenItsKeyStartsWithTheNeededFieldsInOrder() {
		this.mongo.getCollection("galleries")
			.createIndex(new Document("deleted_at", 1).append("is_deleted", 1).append("_id", 1),
					new IndexOptions().name("wrong_order"));
		this.mongo.getCollection("ott-releases")
			.createIndex(new Document("meta.removed", 1).append("_id", 1).append("meta.removed_at", 1).append("x", 1),
					new IndexOptions().name("cms_own"));

		List<RequiredIndex> missing = new MongoIndexCheck(this.mongo, this.catalogue, false).check();

		assertThat(missing).extracting(RequiredIndex::collection).containsExactly("galleries");
	}

	@Test
	void aDryRunCreatesNoIndexEvenWhenAskedToAndNamesTheMissingOnes() {
		JobExecution dryRun = MetaDataInstanceFactory.createJobExecution("mediaPurgeJob", 1L, 1L,
				new JobParametersBuilder().addString(MediaPurgeJobParameters.DRY_RUN, "true").toJobParameters());

		new MongoIndexCheck(this.mongo, this.catalogue, true).beforeJob(dryRun);

		assertThat(indexes("galleries")).extracting(index -> index.getString("name")).containsExactly("_id_");
		assertThat(this.mongo.collectionExists("ott-releases")).isFalse();
		assertThat(warnings()).hasSize(2);
		assertThat(warnings().get(0)).contains("A dry run creates nothing").endsWith(GALLERIES_COMMAND);
	}

	@Test
	void aRealRunCreatesTheMissingIndexesWhenAskedTo() {
		JobExecution real = MetaDataInstanceFactory.createJobExecution("mediaPurgeJob", 1L, 1L,
				new JobParametersBuilder().addString(MediaPurgeJobParameters.DRY_RUN, "false").toJobParameters());

		new MongoIndexCheck(this.mongo, this.catalogue, true).beforeJob(real);

		assertThat(indexes("galleries")).extracting(index -> index.getString("name"))
			.contains(RequiredIndex.DUE_INDEX);
		assertThat(MongoIndexCheck.DRY_RUN_PARAMETER).isEqualTo(MediaPurgeJobParameters.DRY_RUN);
	}

}
