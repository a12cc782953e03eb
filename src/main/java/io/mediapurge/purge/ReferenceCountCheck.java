package io.mediapurge.purge;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mediapurge.imagestore.SendCheck;
import io.mediapurge.references.ReferencesProperties;

/**
 * The reference check behind {@link DeletableKeys}: the step's references
 * ({@link PurgeStepState#unsharedKeys}), caught up on every document written since the
 * last check, decide which keys no document outside the chunk shows; the keys kept are
 * recorded for the run's last step; then, right before each DeleteObjects request it
 * guards, the {@link DeleteFence} checks that this execution may still delete.
 *
 * <p>
 * A request sent more than {@code recheck-after} after its chunk's last check (it waited
 * for its prefix's budget, backed off after SlowDown, or followed the chunk's earlier
 * requests) is checked again first, its references caught up and the fence asked once
 * more after them: a key some document started to show meanwhile is withheld and kept.
 */
final class ReferenceCountCheck implements DeletableKeys {

	private final PurgeStepState state;

	private final long recheckAfterNanos;

	ReferenceCountCheck(PurgeStepState state) {
		this(state, ReferencesProperties.DEFAULT_RECHECK_AFTER);
	}

	ReferenceCountCheck(PurgeStepState state, Duration recheckAfter) {
		this.state = state;
		this.recheckAfterNanos = recheckAfter.toNanos();
	}

	@Override
	public Decision decide(List<PurgeCandidate> chunk, Set<String> keys) {
		Decision decision = Decision.of(keys, this.state.unsharedKeys(chunk));
		this.state.fence();
		return decision;
	}

	@Override
	public SendCheck beforeEachRequest(List<PurgeCandidate> chunk) {
		long[] checkedAt = { System.nanoTime() };
		return keys -> {
			long now = System.nanoTime();
			// right before every request, however soon after the chunk's check
			this.state.fence();
			if (now - checkedAt[0] < this.recheckAfterNanos) {
				return Set.of();
			}
			Set<String> withheld = new LinkedHashSet<>(keys);
			withheld.removeAll(this.state.stillUnshared(chunk, withheld));
			this.state.fence();
			// what was written before this check began is now counted
			checkedAt[0] = now;
			return withheld;
		};
	}

	@Override
	public void hardDeleted(List<PurgeCandidate> documents) {
		// only once nothing of the write can fail: a retried write meets its own
		// hard-deleted documents again and must find their keys still counted, or a key
		// they share with a live document would look unshared
		this.state.hardDeleted(documents);
	}

}
