package io.mediapurge.operations.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.imagestore.KeyBudgets;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.purge.PurgeProgressListener;

/**
 * How hard S3 pushes back on this process's deletes during the run going on: its
 * DeleteObjects requests answered with throttling (503 SlowDown, 429) or that failed
 * otherwise (both are retried with backoff unless S3 refused outright), and the rate the
 * key budgets allow now. Counted from the deleter's request timer since the previous run
 * of this process ended: runs of one application never overlap (the job's lease), and
 * nothing else deletes.
 */
public class S3Pressure implements PurgeProgressListener {

	private final MeterRegistry registry;

	private final @Nullable KeyBudgets budgets;

	private volatile Counts before;

	/**
	 * @param registry where the deleter records its requests
	 * @param deleter the deleter
	 */
	public S3Pressure(MeterRegistry registry, S3ImageDeleter deleter) {
		this.registry = registry;
		this.budgets = deleter.budgets();
		this.before = counts();
	}

	/**
	 * @return the pressure during the run going on (or the last one, until the next
	 * starts)
	 */
	public Now now() {
		Counts now = counts();
		return new Now(now.throttled() - this.before.throttled(), now.failed() - this.before.failed(),
				now.throttleAnswers() - this.before.throttleAnswers(),
				(this.budgets != null) ? Math.round(this.budgets.rate()) : null,
				(this.budgets != null) ? this.budgets.limit() : null);
	}

	@Override
	public void jobEnded(JobExecution execution, MediaPurgeJobParameters parameters) {
		this.before = counts();
	}

	private Counts counts() {
		return new Counts(requests("throttled"), requests("error"),
				(this.budgets != null) ? this.budgets.throttleCount() : 0);
	}

	private long requests(String outcome) {
		Timer timer = this.registry.find(S3ImageDeleter.REQUEST_DURATION).tag("outcome", outcome).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private record Counts(long throttled, long failed, long throttleAnswers) {
	}

	/**
	 * S3's push-back on the deletes of the run going on in this process.
	 *
	 * @param throttledRequests requests S3 answered with 503 SlowDown or 429, retried
	 * @param failedRequests requests that failed otherwise (5xx, timeouts, connection
	 * errors), retried
	 * @param throttleAnswers throttling answers, per-key SlowDown included, each of which
	 * lowered the key rate
	 * @param keysPerSecond the key rate the budgets allow now, all prefixes together,
	 * {@code null} when the rate is not limited
	 * @param keysPerSecondLimit the configured limit, all prefixes together, {@code null}
	 * when none
	 */
	public record Now(long throttledRequests, long failedRequests, long throttleAnswers, @Nullable Long keysPerSecond,
			@Nullable Long keysPerSecondLimit) {

		/**
		 * @return whether S3 pushed back at all
		 */
		public boolean any() {
			return this.throttledRequests > 0 || this.failedRequests > 0 || this.throttleAnswers > 0;
		}

	}

}
