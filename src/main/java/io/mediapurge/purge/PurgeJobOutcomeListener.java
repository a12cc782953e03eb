package io.mediapurge.purge;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Decides how a run ended. Steps run one after the other whatever the previous one's
 * status, so a failed content type does not stop the others; this listener then marks the
 * whole run FAILED. A completed run with skipped, blocked or quarantined documents gets
 * the exit status {@value #COMPLETED_WITH_ISSUES}, so a scheduler can tell it from a
 * clean night.
 */
class PurgeJobOutcomeListener implements JobExecutionListener {

	static final String COMPLETED_WITH_ISSUES = "COMPLETED_WITH_ISSUES";

	private static final Logger logger = LoggerFactory.getLogger(PurgeJobOutcomeListener.class);

	private final PurgeProgressListener progress;

	PurgeJobOutcomeListener() {
		this(PurgeProgressListeners.NONE);
	}

	PurgeJobOutcomeListener(PurgeProgressListener progress) {
		this.progress = progress;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		List<StepExecution> failed = jobExecution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED)
			.toList();
		PurgeSummary total = new PurgeSummary();
		for (StepExecution step : jobExecution.getStepExecutions()) {
			Object map = step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY);
			if (map instanceof Map<?, ?> values) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) values;
				total.merge(PurgeSummary.fromMap(typed));
			}
		}
		if (!failed.isEmpty() && jobExecution.getStatus() != BatchStatus.STOPPED) {
			String description = "Failed content types: "
					+ failed.stream().map(step -> step.getStepName() + " (" + firstLine(step) + ")").toList();
			jobExecution.setStatus(BatchStatus.FAILED);
			jobExecution.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
		}
		else if (jobExecution.getStatus() == BatchStatus.COMPLETED && total.hasIssues()) {
			jobExecution.setExitStatus(new ExitStatus(COMPLETED_WITH_ISSUES,
					"Some documents were skipped, blocked or are quarantined; see purge_document_event"));
		}
		logger.info("mediaPurgeJob execution {} ended {} ({}): {}", jobExecution.getId(), jobExecution.getStatus(),
				jobExecution.getExitStatus().getExitCode(), total);
		MediaPurgeJobParameters parameters;
		try {
			parameters = MediaPurgeJobParameters.from(jobExecution.getJobParameters());
		}
		catch (IllegalArgumentException ex) {
			return; // refused by the validator: nothing ran
		}
		this.progress.jobEnded(jobExecution, parameters);
	}

	/**
	 * The first exception of the chain that is not one of Spring Batch's or Spring's
	 * wrappers.
	 */
	private static Throwable meaningfulCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getName();
			if (!name.startsWith("org.springframework.batch.") && !name.startsWith("org.springframework.core.retry.")) {
				return cause;
			}
		}
		return failure;
	}

	private static String firstLine(StepExecution step) {
		return step.getFailureExceptions()
			.stream()
			.findFirst()
			.map(PurgeJobOutcomeListener::meaningfulCause)
			.map(ex -> ex.getClass().getSimpleName() + ": " + ex.getMessage())
			.orElse(step.getExitStatus().getExitDescription());
	}

}
