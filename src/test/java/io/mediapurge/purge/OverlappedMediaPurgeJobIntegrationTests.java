package io.mediapurge.purge;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The scenarios of {@link MediaPurgeJobIntegrationTests} again, with each document a
 * chunk of its own and two chunks in flight: a chunk's back runs on a thread of its own
 * while the step reads and claims the next chunk. The end states must be the same.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:purge-job-overlapped;DB_CLOSE_DELAY=-1",
		"media-purge.s3.delete.max-chunks-in-flight=2", "media-purge.chunk-size=1", "media-purge.fill-requests=false" })
class OverlappedMediaPurgeJobIntegrationTests extends MediaPurgeJobIntegrationTests {

}
