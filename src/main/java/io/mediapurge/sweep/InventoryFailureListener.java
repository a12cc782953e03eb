package io.mediapurge.sweep;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.mediapurge.sweep.inventory.InventoryDataException;
import io.mediapurge.sweep.inventory.InventoryRefusedException;

/**
 * Says in a failed plan's exit status, in one line, what was wrong with its S3 Inventory:
 * a refused inventory (of another bucket, stale, without a prefix of the plan, ...) ends
 * with exit status {@link OrphanSweepJobConfiguration#INVENTORY_REFUSED}, which the
 * command line exits with code 2 for, as for any invalid argument; a data file that could
 * not be read ends FAILED, naming the file and line.
 */
final class InventoryFailureListener implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		RuntimeException refused = find(execution, InventoryRefusedException.class);
		if (refused != null) {
			execution.setExitStatus(new ExitStatus(OrphanSweepJobConfiguration.INVENTORY_REFUSED,
					String.valueOf(refused.getMessage())));
			return;
		}
		RuntimeException unreadable = find(execution, InventoryDataException.class);
		if (unreadable != null) {
			execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(),
					"The plan's inventory could not be read: " + unreadable.getMessage()));
		}
	}

	private static <T extends RuntimeException> @Nullable T find(JobExecution execution, Class<T> type) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (type.isInstance(cause)) {
					return type.cast(cause);
				}
			}
		}
		return null;
	}

}
