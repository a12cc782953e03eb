package io.mediapurge.reliability.references;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.operations.cli.ExitCodes;

/**
 * Edits the CMS makes mid-step to documents written long before the run, whose ObjectIds
 * lie far outside the catch-up's window: only their {@code updated_at} tells that they
 * changed, whatever type the CMS stores it as.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:references-old-documents;DB_CLOSE_DELAY=-1",
		"media-purge.chunk-size=1", "media-purge.fill-requests=false", "media-purge.lease.ttl=30m" })
class ReferencesEditedByOldDocumentsIntegrationTests extends ReferencesTestSupport {

	@Test
	void anOldLivePageEditedMidStepWithADateKeepsTheDueImageItNowShows() throws Exception {
		assertEditedOldPageKeepsTheImage(daysAgo(3), new Date());
	}

	@Test
	void anOldLivePageWhoseUpdatedAtIsAStringKeepsTheDueImageItNowShows() throws Exception {
		// a CMS that stores updated_at as ISO-8601 text, not as a BSON date
		assertEditedOldPageKeepsTheImage(daysAgo(3).toInstant().toString(), Instant.now().toString());
	}

	@Test
	void anOldLivePageWhoseUpdatedAtIsEpochMillisKeepsTheDueImageItNowShows() throws Exception {
		assertEditedOldPageKeepsTheImage(daysAgo(3).getTime(), System.currentTimeMillis());
	}

	private void assertEditedOldPageKeepsTheImage(Object updatedBefore, Object updatedOnEdit) throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "articles/live.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))));
		Document live = article("live", cdnUrl("articles/live.jpg"), List.of()).append("updated_at", updatedBefore);
		live.put("_id", new ObjectId(daysAgo(30)));
		insert("articles", live);
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> this.launcher.run(false, Set.of()));
		this.gate.awaitHeld(Duration.ofSeconds(30));

		// g1 is purged; the CMS now shows g2's image on the month-old article
		this.mongo.getCollection("articles")
			.updateOne(Filters.eq("article_id", "live"),
					Updates.combine(Updates.push("image_gallery", s3Url("galleries/g2.jpg")),
							Updates.set("updated_at", updatedOnEdit)));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(keys()).containsExactly("articles/live.jpg", "galleries/g2.jpg");
		assertThat(auditedKeys(execution)).containsExactly("galleries/g1.jpg");
	}

	private static Date daysAgo(int days) {
		return Date.from(Instant.now().minus(Duration.ofDays(days)));
	}

}
