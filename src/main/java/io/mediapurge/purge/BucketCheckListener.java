package io.mediapurge.purge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.mediapurge.imagestore.BucketDeleteCheck;

/**
 * Fails a real run before its first step when the configured bucket cannot be purged (a
 * misspelt name, another region, no delete permission, S3 down): otherwise every URL that
 * names the real bucket would look like another bucket's, and its document would be
 * purged with its image left behind. The execution ends FAILED (exit code 5) with one
 * message; nothing was read or deleted, and its restart runs once the cause is fixed. A
 * dry run deletes nothing and is not checked.
 * {@code media-purge.guard.check-bucket=false} turns the check off.
 */
class BucketCheckListener implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(BucketCheckListener.class);

	private final BucketDeleteCheck check;

	private final boolean enabled;

	BucketCheckListener(BucketDeleteCheck check, boolean enabled) {
		this.check = check;
		this.enabled = enabled;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		if (!this.enabled) {
			return;
		}
		if (MediaPurgeJobParameters.from(execution.getJobParameters()).dryRun()) {
			logger.info("Dry run: the bucket's deletes are not checked");
			return;
		}
		this.check.check();
	}

}
