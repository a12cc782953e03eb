package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The four content types purged at the same time ({@code media-purge.parallel-steps=4}),
 * in chunks of 3: the same end state as one after another, and nothing a live document
 * shows is deleted, whichever step gets there first.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:parallel-steps;DB_CLOSE_DELAY=-1",
		"media-purge.parallel-steps=4", "media-purge.chunk-size=3", "media-purge.fill-requests=false" })
class ParallelStepsIntegrationTests extends PurgeIntegrationTestSupport {

	@Test
	void purgesEveryContentTypeAtOnceAndKeepsWhatLiveDocumentsShow() {
		List<String> deletable = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String own = "galleries/g" + i + "/1.jpg";
			String lead = "articles/a" + i + "/lead.jpg";
			String poster = "releases/t" + i + "/poster.jpg";
			String ott = "releases/o" + i + "/poster.jpg";
			deletable.addAll(List.of(own, lead, poster, ott));
			this.s3.put(own, lead, poster, ott);
			// every document also shows the poster of a live theater release
			String live = "releases/live" + i + "/poster.jpg";
			this.s3.put(live);
			insert("theater_releases", theaterRelease("live-" + i, cdnUrl(live), null));
			insert("galleries", due(gallery("g" + i, s3Url(own), s3Url(live))));
			insert("articles", due(article("a" + i, cdnUrl(lead), List.of(s3Url(live)))));
			insert("theater_releases", due(theaterRelease("t" + i, cdnUrl(poster), s3Url(live))));
			insert("ott_releases", due(ottRelease("o" + i, s3Url(ott))));
		}

		JobExecution execution = this.launcher.run(false, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries") + count("articles") + count("ott_releases")).isZero();
		assertThat(count("theater_releases")).isEqualTo(10);
		assertThat(this.s3.keys()).hasSize(10).allMatch(key -> key.startsWith("releases/live"));
		assertThat(auditedKeys(execution)).containsExactlyInAnyOrderElementsOf(deletable);
		// the content types' steps; then shared-images, once they have all completed
		List<StepExecution> steps = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith(MediaPurgeJobConfiguration.STEP_PREFIX))
			.toList();
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.contains(SharedImagesTasklet.STEP_NAME);
		assertThat(steps).hasSize(4).allSatisfy(step -> assertThat(step.getWriteCount()).isEqualTo(10));
		// the steps ran at the same time: each started before the others ended
		assertThat(steps).allSatisfy(step -> assertThat(steps)
			.allSatisfy(other -> assertThat(step.getStartTime()).isBefore(other.getEndTime())));
	}

}
