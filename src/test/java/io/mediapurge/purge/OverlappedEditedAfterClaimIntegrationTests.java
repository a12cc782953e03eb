package io.mediapurge.purge;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The scenarios of {@link EditedAfterClaimIntegrationTests} again, with each document a
 * chunk of its own and two chunks in flight: the hard delete runs on a chunk's back, on a
 * thread of its own, while the step claims the next chunk. The end states must be the
 * same.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:edited-after-claim-overlapped;DB_CLOSE_DELAY=-1",
		"media-purge.s3.delete.max-chunks-in-flight=2", "media-purge.chunk-size=1", "media-purge.fill-requests=false" })
class OverlappedEditedAfterClaimIntegrationTests extends EditedAfterClaimIntegrationTests {

}
