package io.mediapurge.purge;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The scenario of {@link ParallelStepsIntegrationTests} again, with three chunks in
 * flight per step: up to eight backs at once, two per content type, sharing the S3
 * budgets and the job's clients.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:parallel-steps-overlapped;DB_CLOSE_DELAY=-1",
		"media-purge.parallel-steps=4", "media-purge.chunk-size=3", "media-purge.fill-requests=false",
		"media-purge.s3.delete.max-chunks-in-flight=3" })
class OverlappedParallelStepsIntegrationTests extends ParallelStepsIntegrationTests {

}
