package io.mediapurge.purge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mediapurge.imagestore.SendCheck;

/**
 * The one seam between the writer and whatever knows who shows a key: called once per
 * chunk, right before the chunk's DeleteObjects requests (and in a dry run, where nothing
 * is sent), it decides which of the chunk's keys may be deleted now.
 *
 * <p>
 * A key it refuses is kept, and the documents showing it are treated as showing a shared
 * image: the key stays in the bucket and the documents are still hard-deleted once their
 * other keys are confirmed gone. An implementation that cannot decide safely (a reference
 * source it could not read, a lease it no longer holds) throws: the step fails before any
 * key of the chunk is deleted, and nothing of the chunk is hard-deleted.
 */
interface DeletableKeys {

	/**
	 * @param chunk the chunk's claimed documents, about to be purged
	 * @param keys the distinct keys they show
	 * @return which of these keys may be deleted now
	 */
	Decision decide(List<PurgeCandidate> chunk, Set<String> keys);

	/**
	 * Asked right before {@link #decide}: what to ask right before each of the chunk's
	 * DeleteObjects requests, which may leave long after the decision (a wait for the
	 * prefix's budget, a backoff, the requests before it). A key it withholds is kept, as
	 * a key {@code decide} refuses.
	 * @param chunk the chunk's claimed documents
	 * @return the check, or {@link SendCheck#NONE}
	 */
	default SendCheck beforeEachRequest(List<PurgeCandidate> chunk) {
		return SendCheck.NONE;
	}

	/**
	 * Told once a chunk's writes have all succeeded: these documents are hard-deleted and
	 * no longer show their keys.
	 * @param documents the documents hard-deleted (in a dry run: those that would be)
	 */
	default void hardDeleted(List<PurgeCandidate> documents) {
	}

	/**
	 * The seam's answer.
	 *
	 * @param deletable keys that may be deleted now
	 * @param kept keys that must stay, because something not being purged may still show
	 * them
	 */
	record Decision(Set<String> deletable, Set<String> kept) {

		public Decision {
			deletable = Set.copyOf(deletable);
			kept = Set.copyOf(kept);
		}

		/**
		 * @param keys the chunk's keys
		 * @param deletable those that may be deleted; any other key is kept, and a key
		 * that is not one of {@code keys} is ignored
		 * @return the decision
		 */
		static Decision of(Set<String> keys, Set<String> deletable) {
			Set<String> delete = new LinkedHashSet<>();
			Set<String> keep = new LinkedHashSet<>();
			for (String key : keys) {
				(deletable.contains(key) ? delete : keep).add(key);
			}
			return new Decision(delete, keep);
		}

	}

}
