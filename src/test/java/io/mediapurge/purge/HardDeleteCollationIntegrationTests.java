package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediapurge.support.TestServers;

/**
 * The hard delete compares the image fields the claim read back byte for byte, whatever
 * default collation the CMS gave its collection. A collection created with a
 * case-insensitive collation ({@code {locale: "en", strength: 2}}) would otherwise
 * compare {@code .../Cat.jpg} equal to {@code .../cat.jpg}: an edit after the claim that
 * only changes a URL's case (S3 keys are case-sensitive, so another image) would let the
 * record go with its new image left in the bucket. The in-process server knows no
 * collations, so this test reads the delete command the writer sends: each of its
 * statements must carry the simple collation, which a real MongoDB applies instead of the
 * collection's default.
 */
class HardDeleteCollationIntegrationTests extends GalleryWriterTestSupport {

	private final List<BsonDocument> deletes = new ArrayList<>();

	private MongoClient client;

	@BeforeEach
	void recordingClient() {
		CommandListener recorder = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (event.getCommandName().equals("delete")) {
					synchronized (HardDeleteCollationIntegrationTests.this.deletes) {
						HardDeleteCollationIntegrationTests.this.deletes.add(event.getCommand().clone());
					}
				}
			}
		};
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestServers.mongo().uri("cms")))
			.addCommandListener(recorder)
			.build());
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void theHardDeleteComparesTheImageFieldsWithTheSimpleCollation() throws Exception {
		this.s3.put("galleries/cased/Cat.jpg", "galleries/other/1.jpg");
		insert("galleries", due(gallery("cased", s3Url("galleries/cased/Cat.jpg"))),
				due(gallery("other", s3Url("galleries/other/1.jpg"))));

		new PurgeItemWriter(this.galleries, new MongoTemplate(this.client, "cms"), this.deleter, this.journal,
				this.state, new ReferenceCountCheck(this.state), PurgeCheckpoints.NONE, 5, Clock.systemUTC(), null,
				ChunksInFlight.SYNCHRONOUS)
			.write(new Chunk<>(readAndProcess()));

		assertThat(count("galleries")).isZero();
		assertThat(this.deletes).singleElement().satisfies(command -> {
			assertThat(command.getString("delete").getValue()).isEqualTo("galleries");
			List<BsonValue> statements = command.getArray("deletes").getValues();
			assertThat(statements).isNotEmpty()
				.allSatisfy(statement -> assertThat(statement.asDocument().get("collation"))
					.as("the collation of the hard delete's statement %s", statement)
					.isEqualTo(BsonDocument.parse("{locale: 'simple'}")));
		});
	}

}
