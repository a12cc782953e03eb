package io.mediapurge.imagestore;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of deleting a set of keys: each key is either confirmed deleted (S3 reports
 * deleting an absent key as a success) or failed with a reason.
 *
 * @param deleted keys S3 confirmed deleted
 * @param failed keys that were not confirmed, with the last reason
 * @param requests DeleteObjects requests sent, retries included
 * @param retriedKeys key attempts that were retries
 */
public record DeleteReport(Set<String> deleted, Map<String, String> failed, int requests, int retriedKeys) {

	public DeleteReport {
		deleted = Set.copyOf(deleted);
		failed = Map.copyOf(failed);
	}

	public static DeleteReport empty() {
		return new DeleteReport(Set.of(), Map.of(), 0, 0);
	}

}
