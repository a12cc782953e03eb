package io.mediapurge.purge;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Decides how a run ended. Steps run one after the other whatever the previous one's
 * status, so a failed content type does not stop the others; this listener then marks the
 * whole run FAILED, also when it was stopped meanwhile (a failed content type must reach
 * the scheduler as a failure, not as a stop it would not retry). A completed run with
 * skipped, blocked or quarantined documents gets the exit status
 * {@value #COMPLETED_WITH_ISSUES}, so a scheduler can tell it from a clean night; for a
 * restart this counts the whole job instance: the steps it ran and the completed steps of
 * earlier executions it did not run again.
 */
class PurgeJobOutcomeListener implements JobExecutionListener {

	static final String COMPLETED_WITH_ISSUES = "COMPLETED_WITH_ISSUES";

	private static final Logger logger = LoggerFactory.getLogger(PurgeJobOutcomeListener.class);

	private final PurgeProgressListener progress;

	private final JobRepository jobRepository;

	PurgeJobOutcomeListener(PurgeProgressListener progress, JobRepository jobRepository) {
		this.progress = progress;
		this.jobRepository = jobRepository;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		List<StepExecution> failed = jobExecution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED)
			.toList();
		PurgeSummary total = sum(jobExecution.getStepExecutions());
		if (!failed.isEmpty()) {
			String description = "Failed content types: "
					+ failed.stream().map(step -> step.getStepName() + " (" + firstLine(step) + ")").toList();
			jobExecution.setStatus(BatchStatus.FAILED);
			jobExecution.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
		}
		else if (jobExecution.getStatus() == BatchStatus.COMPLETED && total.hasIssues()) {
			jobExecution.setExitStatus(new ExitStatus(COMPLETED_WITH_ISSUES,
					"Some documents were skipped, blocked or are quarantined; see purge_document_event"));
		}
		else if (jobExecution.getStatus() == BatchStatus.COMPLETED && sum(notRunAgain(jobExecution)).hasIssues()) {
			jobExecution.setExitStatus(new ExitStatus(COMPLETED_WITH_ISSUES,
					"Some documents were skipped, blocked or are quarantined by the steps of an earlier execution of "
							+ "this job instance that completed and were not run again; see purge_document_event"));
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

	private static PurgeSummary sum(Collection<StepExecution> steps) {
		PurgeSummary total = new PurgeSummary();
		for (StepExecution step : steps) {
			Object map = step.getExecutionContext().get(PurgeSummary.CONTEXT_KEY);
			if (map instanceof Map<?, ?> values) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) values;
				total.merge(PurgeSummary.fromMap(typed));
			}
		}
		return total;
	}

	/**
	 * The last execution of each step of the job instance that this execution did not
	 * run: a restart skips the steps an earlier execution completed.
	 */
	private Collection<StepExecution> notRunAgain(JobExecution jobExecution) {
		Set<String> ranNow = jobExecution.getStepExecutions()
			.stream()
			.map(StepExecution::getStepName)
			.collect(Collectors.toSet());
		Map<String, StepExecution> last = new HashMap<>();
		for (JobExecution earlier : this.jobRepository.getJobExecutions(jobExecution.getJobInstance())) {
			if (earlier.getId() == jobExecution.getId()) {
				continue;
			}
			for (StepExecution step : earlier.getStepExecutions()) {
				if (!ranNow.contains(step.getStepName())) {
					last.merge(step.getStepName(), step, (a, b) -> (a.getId() > b.getId()) ? a : b);
				}
			}
		}
		return last.values();
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
