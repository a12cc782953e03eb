package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;

/**
 * {@link DeleteFence} says it is asked right before each DeleteObjects: an execution
 * recovered by another process (FAILED in the job repository) while its request waits for
 * its budget must send nothing, however short the wait. Here the wait is shorter than
 * {@code recheck-after}: the fence is asked before every request, not only at a recheck.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:fence-before-each-request;DB_CLOSE_DELAY=-1",
		"media-purge.lease.ttl=30m" })
class FenceBeforeEachRequestIntegrationTests extends CheckpointHookTestSupport {

	@Test
	void anExecutionRecoveredElsewhereWhileItsRequestWaitsSendsNothing() throws Exception {
		this.s3.put("galleries/g1.jpg");
		insert("galleries", due(gallery("g1", cdnUrl("galleries/g1.jpg"))));
		this.hook.arm((checkpoint, passage) -> {
			if (checkpoint == Checkpoint.BEFORE_REQUEST && passage == 1) {
				// while the request waits for its budget, another process recovers the
				// execution
				assertThat(
						this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED' WHERE STATUS = 'STARTED'"))
					.isOne();
			}
		});

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(keysSentToS3()).isEmpty();
		assertThat(this.s3.keys()).containsExactly("galleries/g1.jpg");
	}

}
