package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;
import io.mediapurge.support.TestServers;

/**
 * What the hard delete's exact image condition costs: the MongoDB commands a chunk's
 * writer sends, counted on a client of its own, stay the same whatever the chunk's size,
 * with one delete command per chunk; only a chunk whose delete left a document reads
 * those documents back, once.
 */
class HardDeleteCommandsIntegrationTests extends GalleryWriterTestSupport {

	private final Map<String, Integer> commands = new TreeMap<>();

	private MongoClient client;

	@BeforeEach
	void countingClient() {
		CommandListener counter = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				synchronized (HardDeleteCommandsIntegrationTests.this.commands) {
					HardDeleteCommandsIntegrationTests.this.commands.merge(event.getCommandName(), 1, Integer::sum);
				}
			}
		};
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestServers.mongo().uri("cms")))
			.addCommandListener(counter)
			.build());
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aChunkSendsOneDeleteWhateverItsSize() throws Exception {
		for (int i = 0; i < 20; i++) {
			this.s3.put("galleries/g" + i + "/1.jpg");
			insert("galleries", due(gallery("g" + i, s3Url("galleries/g" + i + "/1.jpg"))));
		}

		countingWriter(PurgeCheckpoints.NONE).write(new Chunk<>(readAndProcess()));

		assertThat(count("galleries")).isZero();
		// the claim's two updates and its read-back, the hard delete
		assertThat(this.commands).isEqualTo(Map.of("update", 2, "find", 1, "delete", 1));
	}

	@Test
	void aChunkWithAnEditedDocumentReadsTheDocumentsItLeftOnce() throws Exception {
		for (int i = 0; i < 20; i++) {
			this.s3.put("galleries/g" + i + "/1.jpg");
			insert("galleries", due(gallery("g" + i, s3Url("galleries/g" + i + "/1.jpg"))));
		}
		List<PurgeCandidate> candidates = readAndProcess();

		countingWriter(checkpoint -> {
			if (checkpoint == Checkpoint.AFTER_AUDIT) {
				this.mongo.getCollection("galleries")
					.updateOne(Filters.eq("gallery_id", "g7"),
							Updates.push("images", new Document("url", s3Url("galleries/g7/2.jpg"))));
			}
		}).write(new Chunk<>(candidates));

		assertThat(count("galleries")).isOne();
		// and the block's bulk write, an update command
		assertThat(this.commands).isEqualTo(Map.of("update", 3, "find", 2, "delete", 1));
	}

	private PurgeItemWriter countingWriter(PurgeCheckpoints checkpoints) {
		return new PurgeItemWriter(this.galleries, new MongoTemplate(this.client, "cms"), this.deleter, this.journal,
				this.state, new ReferenceCountCheck(this.state), checkpoints, 5, Clock.systemUTC(), null,
				ChunksInFlight.SYNCHRONOUS);
	}

}
