package io.mediapurge.reliability.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.PurgeIntegrationTestSupport;
import io.mediapurge.support.TestServers;

/**
 * A content type whose due images are all of another host or another bucket (what a
 * misspelt bucket or a moved CMS looks like): its step fails before claiming anything, so
 * no record is purged with its image left behind; the other content types still run.
 */
class ForeignImageGuardIntegrationTests extends PurgeIntegrationTestSupport {

	@Test
	void aContentTypeWhoseDueImagesAreAllForeignIsNotPurged() {
		this.s3.put("releases/o1/poster.jpg");
		insert("galleries", due(gallery("g1", "https://elsewhere.example.com/media/g1.jpg")),
				due(gallery("g2", TestServers.s3().endpoint() + "/another-bucket/galleries/g2.jpg")));
		insert("ott_releases", due(ottRelease("o1", cdnUrl("releases/o1/poster.jpg"))));

		JobExecution execution = this.launcher.run(false, Set.of("gallery", "ott-release"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(execution)).isEqualTo(ExitCodes.FAILED);
		StepExecution galleries = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("purge-gallery"))
			.findFirst()
			.orElseThrow();
		assertThat(galleries.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(galleries.getExitStatus().getExitDescription()).contains("Foreign-image guard: 2 of the 2")
			.contains("1 of other hosts, 1 of other buckets");
		assertThat(count("galleries")).isEqualTo(2);
		assertThat(this.mongo.getCollection("galleries").countDocuments(Filters.exists("purge_claimed_at"))).isZero();
		// the other content type is purged
		assertThat(count("ott_releases")).isZero();
		assertThat(this.s3.keys()).isEmpty();
	}

	@Test
	void aDryRunOnlyWarns() {
		insert("galleries", due(gallery("g1", "https://elsewhere.example.com/media/g1.jpg")));

		JobExecution execution = this.launcher.run(true, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("galleries")).isEqualTo(1);
	}

}
