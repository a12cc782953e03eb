package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The hard delete's filter carries the image fields the claim read back, twice for an
 * array (its equality and the condition that it is not merely an element), so it grows
 * with the chunk's image fields: galleries of a few hundred captioned images, 200 to a
 * chunk, pass MongoDB's 16 MB limit on a command's document. Such a chunk must still be
 * hard-deleted once its images are gone, not fail its step every run with its records
 * left claimed.
 */
class HardDeleteLargeImageFieldsIntegrationTests extends GalleryWriterTestSupport {

	@Test
	void aChunkWhoseImageFieldsPassTheCommandSizeLimitIsHardDeleted() throws Exception {
		// ten galleries of 1.2 MB of image fields each: the filter would be about 24 MB
		String caption = "x".repeat(1_200_000);
		for (int i = 0; i < 10; i++) {
			String key = "galleries/large" + i + "/1.jpg";
			this.s3.put(key);
			Document gallery = gallery("large" + i, s3Url(key));
			gallery.getList("images", Document.class).get(0).put("caption", caption);
			insert("galleries", due(gallery));
		}
		List<PurgeCandidate> candidates = readAndProcess();
		assertThat(candidates).hasSize(10);

		writer(this.journal, PurgeCheckpoints.NONE).write(new Chunk<>(candidates));

		assertThat(this.s3.keys()).isEmpty();
		assertThat(count("galleries")).isZero();
		assertThat(stepSummary().documentsPurged()).isEqualTo(10);
	}

}
