package io.mediapurge.reliability.references;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
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
 * References the CMS writes while a step runs: after the step counted its references (its
 * snapshot) or between two of its chunks. Each document is a chunk of its own; the steps
 * run one after another (article, gallery, ...), and the CMS writes while the gallery
 * step is held. Whatever it writes, an image a document not being purged shows stays.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:references-mid-step;DB_CLOSE_DELAY=-1",
		"media-purge.chunk-size=1", "media-purge.fill-requests=false", "media-purge.lease.ttl=30m" })
class ReferencesWrittenMidStepIntegrationTests extends ReferencesTestSupport {

	@Test
	void aLivePageEditedAfterTheSnapshotToShowADueImageKeepsIt() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg", "articles/live.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))));
		insert("articles", article("live", cdnUrl("articles/live.jpg"), List.of()).append("updated_at", daysAgo(3)));
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<JobExecution> run = runInBackground();
		this.gate.awaitHeld(Duration.ofSeconds(30));

		// g1 is purged; the CMS now shows g2's image on the live article, in another URL
		// form, and says when it wrote (the contract: updated_at on every write)
		this.mongo.getCollection("articles")
			.updateOne(Filters.eq("article_id", "live"), Updates.combine(
					Updates.push("image_gallery", s3Url("galleries/g2.jpg")), Updates.set("updated_at", new Date())));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(keys()).containsExactly("articles/live.jpg", "galleries/g2.jpg");
		assertThat(auditedKeys(execution)).containsExactly("galleries/g1.jpg");
	}

	@Test
	void aLivePageCreatedMidStepKeepsTheDueImageItShows() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/g2.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))),
				due(gallery("g2", cdnUrl("galleries/g2.jpg"))));
		this.gate.holdAfterFirstChunk("gallery");
		CompletableFuture<JobExecution> run = runInBackground();
		this.gate.awaitHeld(Duration.ofSeconds(30));

		// a new article, with no updated_at: its _id tells when it was written
		insert("articles", article("new", cdnUrl("galleries/g2.jpg"), List.of()));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("new");
		assertThat(keys()).containsExactly("galleries/g2.jpg");
		assertThat(auditedKeys(execution)).containsExactly("galleries/g1.jpg");
	}

	@Test
	void aDueDocumentTheSnapshotNeverSawDoesNotMakeAKeyOfALivePageLookUnshared() throws Exception {
		this.s3.put("galleries/g1.jpg", "galleries/imported.jpg", "shared/logo.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))));
		insert("articles", article("live", cdnUrl("shared/logo.jpg"), List.of()));
		this.gate.holdAfterSnapshot("gallery");
		CompletableFuture<JobExecution> run = runInBackground();
		this.gate.awaitSnapshotsHeld(1, Duration.ofSeconds(30));

		// an import writes a gallery already soft-deleted long ago, sharing the live
		// article's logo: due at once, and not in the snapshot
		insert("galleries", flagged(gallery("imported", cdnUrl("galleries/imported.jpg"), s3Url("shared/logo.jpg")),
				Duration.ofDays(30)));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(keys()).containsExactly("shared/logo.jpg");
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrder("galleries/g1.jpg", "galleries/imported.jpg");
	}

	@Test
	void aDueDocumentWithAStringIdInsertedMidStepDoesNotMakeAKeyOfAnUnchangedLivePageLookUnshared() throws Exception {
		this.s3.put("galleries/g1/a.jpg", "galleries/legacy.jpg");
		insert("articles", article("live", cdnUrl("galleries/g1/a.jpg"), List.of()));
		this.gate.holdAfterSnapshot("gallery");
		CompletableFuture<JobExecution> run = runInBackground();
		this.gate.awaitSnapshotsHeld(1, Duration.ofSeconds(30));

		// an import keeps the old system's string _id and no updated_at: the catch-up,
		// which looks for recent ObjectIds and updated_at, never finds it
		insert("galleries", flagged(gallery("legacy-42", cdnUrl("galleries/legacy.jpg"), s3Url("galleries/g1/a.jpg")),
				Duration.ofDays(30))
			.append("_id", "legacy-42"));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(this.mongo.getCollection("articles").find(Filters.eq("article_id", "live")).first().get("image"))
			.isEqualTo(cdnUrl("galleries/g1/a.jpg"));
		assertThat(keys()).containsExactly("galleries/g1/a.jpg");
		assertThat(auditedKeys(execution)).containsExactly("galleries/legacy.jpg");
		assertThat(pendingKeys()).doesNotContain("galleries/g1/a.jpg");
	}

	@Test
	void aDueDocumentMovedFromAnotherCollectionAfterTheSnapshotDoesNotMakeASharedKeyLookUnshared() throws Exception {
		this.s3.put("galleries/moved.jpg", "shared/logo.jpg");
		// written days ago into a collection the job does not purge: its _id is old
		Document moved = due(gallery("moved", cdnUrl("galleries/moved.jpg"), cdnUrl("shared/logo.jpg"))).append("_id",
				new ObjectId(daysAgo(5)));
		this.mongo.getCollection("archived_galleries").insertOne(moved);
		insert("articles", article("live", cdnUrl("shared/logo.jpg"), List.of()));
		this.gate.holdAfterSnapshot("gallery");
		try {
			CompletableFuture<JobExecution> run = runInBackground();
			this.gate.awaitSnapshotsHeld(1, Duration.ofSeconds(30));

			// the CMS moves it into the galleries, as written: same _id, updated_at set
			this.mongo.getCollection("archived_galleries").deleteOne(Filters.eq("_id", moved.get("_id")));
			insert("galleries", moved.append("updated_at", new Date()));
			this.gate.release();
			JobExecution execution = run.get(60, TimeUnit.SECONDS);

			assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
			assertThat(documents()).containsExactly("live");
			assertThat(keys()).containsExactly("shared/logo.jpg");
			assertThat(auditedKeys(execution)).containsExactly("galleries/moved.jpg");
		}
		finally {
			this.mongo.getCollection("archived_galleries").drop();
		}
	}

	private CompletableFuture<JobExecution> runInBackground() {
		return CompletableFuture.supplyAsync(() -> this.launcher.run(false, Set.of()));
	}

	static Date daysAgo(int days) {
		return Date.from(Instant.now().minus(Duration.ofDays(days)));
	}

}
