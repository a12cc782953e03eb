package io.mediapurge.purge;

import java.util.List;
import java.util.Set;

/**
 * The reference check behind {@link DeletableKeys}: the step's references
 * ({@link PurgeStepState#unsharedKeys}), caught up on every document written since the
 * last check, decide which keys no document outside the chunk shows; the keys kept are
 * recorded for the run's last step; then, right before the DeleteObjects it guards, the
 * {@link DeleteFence} checks that this execution may still delete.
 */
final class ReferenceCountCheck implements DeletableKeys {

	private final PurgeStepState state;

	ReferenceCountCheck(PurgeStepState state) {
		this.state = state;
	}

	@Override
	public Decision decide(List<PurgeCandidate> chunk, Set<String> keys) {
		Decision decision = Decision.of(keys, this.state.unsharedKeys(chunk));
		this.state.fence();
		return decision;
	}

	@Override
	public void hardDeleted(List<PurgeCandidate> documents) {
		// only once nothing of the write can fail: a retried write meets its own
		// hard-deleted documents again and must find their keys still counted, or a key
		// they share with a live document would look unshared
		this.state.hardDeleted(documents);
	}

}
