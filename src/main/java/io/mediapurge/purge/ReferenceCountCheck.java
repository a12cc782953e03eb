package io.mediapurge.purge;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference check behind {@link DeletableKeys}: a key may be deleted when every
 * document the step's reference index counts as showing it is in the chunk being purged.
 */
final class ReferenceCountCheck implements DeletableKeys {

	private final PurgeStepState state;

	ReferenceCountCheck(PurgeStepState state) {
		this.state = state;
	}

	@Override
	public Decision decide(List<PurgeCandidate> chunk, Set<String> keys) {
		Map<String, Integer> chunkReferences = new HashMap<>();
		chunk.forEach(candidate -> candidate.keys().forEach(key -> chunkReferences.merge(key, 1, Integer::sum)));
		Set<String> deletable = new LinkedHashSet<>();
		for (String key : keys) {
			if (this.state.references().count(key) <= chunkReferences.getOrDefault(key, 0)) {
				deletable.add(key);
			}
		}
		return Decision.of(keys, deletable);
	}

	@Override
	public void hardDeleted(List<PurgeCandidate> documents) {
		// only once nothing of the write can fail: a retried write meets its own
		// hard-deleted documents again and must find their keys still counted, or a key
		// they share with a live document would look unshared
		documents.forEach(candidate -> this.state.references().remove(candidate.keys()));
	}

}
