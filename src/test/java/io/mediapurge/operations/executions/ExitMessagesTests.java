package io.mediapurge.operations.executions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Exit messages for a person: stack frames and Spring Batch's wrappers left out.
 */
class ExitMessagesTests {

	private static final String STEP_EXIT_MESSAGE = """
			org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
				at org.springframework.batch.core.step.item.ChunkOrientedStep.processChunkSequentially(ChunkOrientedStep.java:491)
				at org.springframework.batch.core.step.item.ChunkOrientedStep.doExecute(ChunkOrientedStep.java:251)
			Caused by: org.springframework.core.retry.RetryException: Retry policy for operation 'Retryable write operation' exhausted
				at org.springframework.core.retry.RetryTemplate.execute(RetryTemplate.java:140)
				... 12 more
			Caused by: io.mediapurge.imagestore.ImageStoreUnavailableException: S3 refused DeleteObjects on bucket 'media'
				at io.mediapurge.imagestore.S3ImageDeleter.delete(S3ImageDeleter.java:99)
				... 14 more
			""";

	@Test
	void keepsTheMessagesAndCausesWithoutTheStackFrames() {
		assertThat(ExitMessages.readable(STEP_EXIT_MESSAGE)).isEqualTo(
				"""
						org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
						Caused by: org.springframework.core.retry.RetryException: Retry policy for operation 'Retryable write operation' exhausted
						Caused by: io.mediapurge.imagestore.ImageStoreUnavailableException: S3 refused DeleteObjects on bucket 'media'""");
		assertThat(ExitMessages.readable(null)).isEmpty();
	}

	@Test
	void leavesOutTheExceptionsSpringBatchWrapsTheCauseIn() {
		assertThat(ExitMessages.withoutBatchWrappers(ExitMessages.readable(STEP_EXIT_MESSAGE))).isEqualTo(
				"Caused by: io.mediapurge.imagestore.ImageStoreUnavailableException: S3 refused DeleteObjects on bucket 'media'");
		assertThat(ExitMessages.withoutBatchWrappers(
				"org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk"))
			.isEmpty();
	}

}
