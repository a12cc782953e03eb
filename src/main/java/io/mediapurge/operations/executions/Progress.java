package io.mediapurge.operations.executions;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a running execution is going, besides its counts so far (the execution's totals,
 * which include what running steps have counted after each chunk).
 *
 * @param steps the content types whose steps are running now, in the order they started
 * @param documentsPerSecond documents read per second since the execution started
 * @param lastChunkAt when a step last committed a chunk, {@code null} before the first: a
 * run whose last chunk is long past is waiting, for S3 retries or a slow MongoDB
 */
public record Progress(List<String> steps, double documentsPerSecond, @Nullable Instant lastChunkAt) {

	public Progress {
		steps = List.copyOf(steps);
	}

}
