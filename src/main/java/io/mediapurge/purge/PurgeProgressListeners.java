package io.mediapurge.purge;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

/**
 * All {@link PurgeProgressListener}s as one; a listener that throws is logged and never
 * fails the run.
 */
final class PurgeProgressListeners implements PurgeProgressListener {

	private static final Logger logger = LoggerFactory.getLogger(PurgeProgressListeners.class);

	static final PurgeProgressListeners NONE = new PurgeProgressListeners(List.of());

	private final List<PurgeProgressListener> listeners;

	PurgeProgressListeners(List<PurgeProgressListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void chunkWritten(String contentType, boolean dryRun, PurgeSummary chunk) {
		each(listener -> listener.chunkWritten(contentType, dryRun, chunk));
	}

	@Override
	public void referencesCounted(String contentType, boolean dryRun) {
		each(listener -> listener.referencesCounted(contentType, dryRun));
	}

	@Override
	public void documentSkipped(String contentType, boolean dryRun, String reasonCode) {
		each(listener -> listener.documentSkipped(contentType, dryRun, reasonCode));
	}

	@Override
	public void stepEnded(String contentType, boolean dryRun, PurgeSummary step) {
		each(listener -> listener.stepEnded(contentType, dryRun, step));
	}

	@Override
	public void guardTripped(String contentType, long due, long collectionSize) {
		each(listener -> listener.guardTripped(contentType, due, collectionSize));
	}

	@Override
	public void jobEnded(JobExecution execution, MediaPurgeJobParameters parameters) {
		each(listener -> listener.jobEnded(execution, parameters));
	}

	private void each(Consumer<PurgeProgressListener> call) {
		for (PurgeProgressListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Progress listener {} failed; the run goes on", listener, ex);
			}
		}
	}

}
