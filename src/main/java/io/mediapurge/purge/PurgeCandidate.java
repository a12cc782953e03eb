package io.mediapurge.purge;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.Document;

import io.mediapurge.imagestore.ImageReference;

/**
 * A soft-deleted document ready for the writer: its images already resolved.
 *
 * @param id the document's {@code _id}
 * @param reportedId the id people know it by
 * @param deletedAt the soft-delete time as read, so the claim can check it has not
 * changed
 * @param attempts runs that already failed to purge it
 * @param keys distinct keys of our bucket it shows
 * @param externalUrls URLs of other hosts
 * @param otherBucketUrls URLs naming another bucket on an S3 host, with the bucket each
 * names
 * @param suspicious URLs on our host that must never become a delete
 * @param imageFields the document's top-level image fields as read, so the claim can
 * check that the images to delete are still all the document shows
 */
record PurgeCandidate(Object id, String reportedId, Date deletedAt, int attempts, Set<String> keys,
		List<String> externalUrls, List<ImageReference.OtherBucket> otherBucketUrls,
		List<ImageReference.Suspicious> suspicious, Document imageFields) {

	PurgeCandidate {
		keys = Set.copyOf(keys);
		externalUrls = List.copyOf(externalUrls);
		otherBucketUrls = List.copyOf(otherBucketUrls);
		suspicious = List.copyOf(suspicious);
	}

	/**
	 * @return the URLs a person reviewing a plan sees as left alone: those of other
	 * hosts, then those of other buckets
	 */
	List<String> foreignUrls() {
		return Stream
			.concat(this.externalUrls.stream(), this.otherBucketUrls.stream().map(ImageReference.OtherBucket::url))
			.toList();
	}

	boolean blockedBySuspiciousUrl() {
		return !this.suspicious.isEmpty();
	}

}
