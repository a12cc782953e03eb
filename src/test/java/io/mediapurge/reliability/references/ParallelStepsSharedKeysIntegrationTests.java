package io.mediapurge.reliability.references;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.operations.cli.ExitCodes;

/**
 * Parallel steps ({@code parallel-steps=4}) and an image shown only by a due gallery and
 * a due article: each step counted the other's document when it started, so each keeps
 * the image as shared, and once both records are gone no document shows it any more. It
 * must still be deleted before the run ends, while an image a live document shows stays.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:references-parallel;DB_CLOSE_DELAY=-1",
		"media-purge.parallel-steps=4", "media-purge.chunk-size=1", "media-purge.fill-requests=false" })
class ParallelStepsSharedKeysIntegrationTests extends ReferencesTestSupport {

	@Test
	void anImageShownOnlyByDueDocumentsOfTwoParallelStepsIsDeletedByTheRunsEnd() throws Exception {
		this.s3.put("galleries/g1.jpg", "articles/a1.jpg", "articles/a2.jpg", "shared/only-due.jpg", "shared/logo.jpg",
				"galleries/live.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"), cdnUrl("shared/only-due.jpg"))),
				gallery("live", cdnUrl("galleries/live.jpg"), cdnUrl("shared/logo.jpg")));
		insert("articles", due(article("a1", cdnUrl("articles/a1.jpg"), List.of(s3Url("shared/only-due.jpg")))),
				due(article("a2", cdnUrl("articles/a2.jpg"), List.of(cdnUrl("shared/logo.jpg")))));
		// both steps count their references before either purges anything
		this.gate.holdAfterSnapshot("gallery", "article");
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> this.launcher.run(false, Set.of()));
		this.gate.awaitSnapshotsHeld(2, Duration.ofSeconds(30));
		this.gate.release();
		JobExecution execution = run.get(60, TimeUnit.SECONDS);

		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.COMPLETED);
		assertThat(documents()).containsExactly("live");
		assertThat(keys()).containsExactly("galleries/live.jpg", "shared/logo.jpg");
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrder("galleries/g1.jpg", "articles/a1.jpg",
				"articles/a2.jpg", "shared/only-due.jpg");
		assertThat(pendingKeys()).isEmpty();
	}

}
