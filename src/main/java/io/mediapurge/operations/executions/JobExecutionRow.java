package io.mediapurge.operations.executions;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.purge.MediaPurgeJobParameters;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;
import io.mediapurge.sweep.SweepJobParameters;

/**
 * One execution of any of the application's jobs, as a list of several jobs shows it.
 *
 * @param id the job execution id
 * @param jobName {@code mediaPurgeJob} or {@code orphanSweepJob}
 * @param instanceId its job instance
 * @param status its batch status
 * @param exitCode its exit code
 * @param startTime when it started, {@code null} before
 * @param endTime when it ended, {@code null} while running
 * @param action what it did: {@code run} or {@code dry run} for the purge, {@code plan}
 * or {@code apply} for the sweep; {@code null} when its parameters do not say
 * @param planId the sweep plan it made or applied, {@code null} for the purge
 */
public record JobExecutionRow(long id, String jobName, long instanceId, String status, String exitCode,
		@Nullable Instant startTime, @Nullable Instant endTime, @Nullable String action, @Nullable Long planId) {

	JobExecutionRow with(Map<String, String> parameters) {
		String action = null;
		Long planId = null;
		if (MediaPurgeJobConfiguration.JOB_NAME.equals(this.jobName)) {
			action = "true".equals(parameters.get(MediaPurgeJobParameters.DRY_RUN)) ? "dry run" : "run";
		}
		else if (OrphanSweepJobConfiguration.JOB_NAME.equals(this.jobName)) {
			action = parameters.get(SweepJobParameters.ACTION);
			if (SweepJobParameters.PLAN.equals(action)) {
				// a plan's id is the job instance that made it
				planId = this.instanceId;
			}
			else if (parameters.get(SweepJobParameters.PLAN_ID) != null) {
				planId = Long.valueOf(parameters.get(SweepJobParameters.PLAN_ID));
			}
		}
		return new JobExecutionRow(this.id, this.jobName, this.instanceId, this.status, this.exitCode, this.startTime,
				this.endTime, action, planId);
	}

}
