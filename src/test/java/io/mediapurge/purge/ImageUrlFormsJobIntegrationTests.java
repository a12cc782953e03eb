package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The URL forms a real CMS writes, through the whole job: a live page protects its image
 * whatever form its URL takes, and a due document's image is deleted whatever form its
 * URL takes, so its record is never purged with the image left behind.
 */
class ImageUrlFormsJobIntegrationTests extends PurgeIntegrationTestSupport {

	private static final String HTTP_CDN = "http://cdn.example.com/media/";

	@Test
	void aLivePageShowingTheHttpFormOfTheCdnUrlKeepsTheImageOfADueGallery() {
		// given a live article that shows the shared image through http, a due gallery
		// through https
		this.s3.put("galleries/g1/shared.jpg", "galleries/g1/own.jpg");
		insert("articles", article("live", HTTP_CDN + "galleries/g1/shared.jpg", List.of()));
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1/shared.jpg"), cdnUrl("galleries/g1/own.jpg"))));

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).containsExactly("galleries/g1/shared.jpg");
		assertThat(storedGallery("g1")).isNull();
		assertThat(summary(execution, "gallery").imagesShared()).isEqualTo(1);
	}

	@Test
	void aLivePageShowingAnEncodedSlashOrAPlusForASpaceKeepsTheImage() {
		// given
		this.s3.put("galleries/g4/shared.jpg", "galleries/g4/My Photo.jpg");
		insert("articles",
				article("live", cdnUrl("galleries%2Fg4%2Fshared.jpg"), List.of(cdnUrl("galleries/g4/My+Photo.jpg"))));
		insert("galleries",
				due(gallery("g4", cdnUrl("galleries/g4/shared.jpg"), cdnUrl("galleries/g4/My%20Photo.jpg"))));

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/g4/shared.jpg", "galleries/g4/My Photo.jpg");
		assertThat(keysSentToS3()).isEmpty();
		assertThat(summary(execution, "gallery").imagesShared()).isEqualTo(2);
	}

	@Test
	void aDueGalleryWhoseOnlyUrlIsTheHttpCdnFormLosesItsImageWithItsRecord() {
		// given
		this.s3.put("galleries/g2/only.jpg");
		insert("galleries", due(gallery("g2", HTTP_CDN + "galleries/g2/only.jpg")));

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then
		assertThat(storedGallery("g2")).isNull();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(auditedKeys(execution)).containsExactly("galleries/g2/only.jpg");
		assertThat(summary(execution, "gallery").imagesExternal()).isZero();
	}

	@Test
	void aPlusInTheUrlOfADueGalleryDeletesTheKeyWithASpace() {
		// given the AWS console's "Object URL" form: a space written as '+'
		this.s3.put("galleries/g3/My Photo.jpg");
		insert("galleries", due(gallery("g3", cdnUrl("galleries/g3/My+Photo.jpg"))));

		// when
		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		// then
		assertThat(keysSentToS3()).containsExactly("galleries/g3/My Photo.jpg");
		assertThat(this.s3.keys()).isEmpty();
		assertThat(storedGallery("g3")).isNull();
		assertThat(auditedKeys(execution)).containsExactly("galleries/g3/My Photo.jpg");
	}

}
