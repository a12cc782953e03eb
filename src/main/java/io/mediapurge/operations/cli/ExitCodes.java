package io.mediapurge.operations.cli;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.context.properties.bind.BindException;

import io.mediapurge.catalogue.CatalogueException;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * The process exit codes of a one-shot run, so a scheduler can tell a clean night from
 * one that needs a person. Documented in the README.
 */
public enum ExitCodes {

	/** Every due document purged (or nothing was due). */
	COMPLETED(0),

	/**
	 * The application could not start: the job repository is unreachable (one description
	 * naming {@code spring.datasource.url}), or another unexpected failure. Nothing ran;
	 * a retry may succeed.
	 */
	STARTUP_FAILED(1),

	/**
	 * Invalid configuration, content-type spec or launch arguments: nothing ran. Also a
	 * sweep plan whose S3 Inventory was refused (exit status {@code INVENTORY_REFUSED}),
	 * which is never ready to apply.
	 */
	CONFIGURATION_ERROR(2),

	/**
	 * The run completed, but some documents were skipped, blocked or are quarantined; for
	 * a restart, counting the completed steps of its job instance it did not run again.
	 */
	COMPLETED_WITH_ISSUES(3),

	/**
	 * The run was stopped before it finished and no content type failed; it can be
	 * restarted.
	 */
	STOPPED(4),

	/**
	 * At least one content type failed (also when the run was stopped afterwards), or
	 * MongoDB was unreachable when the run started; the run can be restarted.
	 */
	FAILED(5),

	/**
	 * Refused: another execution holds the job's lease (it is running, here or in another
	 * process sharing the job repository), an execution's thread is still running in this
	 * process, or the asked action does not apply to the execution (restart of a
	 * completed or STOPPING run, stop of a run that is not running, recover while the
	 * lease is live, ...). Nothing was changed.
	 */
	REFUSED(6),

	/**
	 * The blast-radius guard refused the run before its first step: it would have purged
	 * far more documents than usual (at least {@code media-purge.guard.min-documents},
	 * and more than {@code media-purge.guard.max-documents} or more than
	 * {@code media-purge.guard.max-share} of a collection). Nothing was deleted. The
	 * message names the counts; launch again with {@code confirmDeleteCount=<due total>}
	 * if the purge is intended. A retry without confirmation cannot fix it.
	 */
	GUARD_TRIPPED(7),

	/**
	 * An {@code executions} subcommand named an execution id that the job repository does
	 * not know (or that is not an execution of {@code mediaPurgeJob}). Nothing was
	 * changed.
	 */
	UNKNOWN_EXECUTION(8);

	private final int code;

	ExitCodes(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/**
	 * @param execution an ended execution
	 * @return the exit code for its outcome
	 */
	public static ExitCodes of(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return "COMPLETED_WITH_ISSUES".equals(execution.getExitStatus().getExitCode()) ? COMPLETED_WITH_ISSUES
					: COMPLETED;
		}
		if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
			return STOPPED;
		}
		String exitCode = execution.getExitStatus().getExitCode();
		if (OrphanSweepJobConfiguration.INVENTORY_REFUSED.equals(exitCode)) {
			return CONFIGURATION_ERROR;
		}
		return GUARD_TRIPPED.name().equals(exitCode) ? GUARD_TRIPPED : FAILED;
	}

	/**
	 * @param failure why the application did not start
	 * @return the exit code for it
	 */
	public static ExitCodes forStartupFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CatalogueException || cause instanceof BindException
					|| cause instanceof InvalidLaunchArgumentsException) {
				return CONFIGURATION_ERROR;
			}
		}
		return STARTUP_FAILED;
	}

}
