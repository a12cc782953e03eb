package io.mediapurge.operations.schedule;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mediapurge.operations.launch.OperationRefusedException;
import io.mediapurge.operations.launch.PurgeLauncher;

/**
 * One tick of the schedule: starts a run of every content type in the background and
 * returns once its execution exists, so the scheduler's thread is free again at once. A
 * tick that finds the job's lease held (a run still going, here or in another process)
 * logs a warning and does nothing.
 */
public class ScheduledPurgeLaunch implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledPurgeLaunch.class);

	private final PurgeLauncher launcher;

	private final String schedule;

	public ScheduledPurgeLaunch(PurgeLauncher launcher, ScheduleProperties properties) {
		this.launcher = launcher;
		this.schedule = "'" + properties.cron() + "' (" + properties.zone() + ")";
	}

	@Override
	public void run() {
		try {
			long executionId = this.launcher.startInBackground(false, Set.of());
			logger.info("Scheduled run {} started: execution {}", this.schedule, executionId);
		}
		catch (OperationRefusedException ex) {
			logger.warn("Scheduled run {} skipped, nothing started: {}", this.schedule, ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled run {} could not start; the next tick tries again", this.schedule, ex);
		}
	}

}
