package io.mediapurge.imagestore;

/**
 * What an image URL of a document refers to, as decided by {@link ImageUrlResolver}.
 */
public sealed interface ImageReference {

	/**
	 * @return the URL as the document holds it
	 */
	String url();

	/**
	 * An object of our bucket, named exactly: the only kind that may become a delete.
	 *
	 * @param url the URL
	 * @param key the object key, as S3 reads the URL
	 */
	record OwnObject(String url, String key) implements ImageReference {
	}

	/**
	 * A URL of another host altogether: left alone.
	 *
	 * @param url the URL
	 */
	record External(String url) implements ImageReference {
	}

	/**
	 * A URL on an S3 host (Amazon S3, the configured endpoint, an {@code s3://} URI) that
	 * names another bucket: left alone. Many of them in due documents suggest that
	 * {@code media-purge.s3.bucket} names the wrong bucket.
	 *
	 * @param url the URL
	 * @param bucket the bucket it names
	 */
	record OtherBucket(String url, String bucket) implements ImageReference {
	}

	/**
	 * A URL that is or may be of our bucket but does not name exactly one key (odd,
	 * malformed, ambiguous, or our bucket where it is not configured to live): it is
	 * never turned into a delete, and it blocks the purge of its document.
	 *
	 * @param url the URL
	 * @param reason why it was refused
	 */
	record Suspicious(String url, String reason) implements ImageReference {
	}

}
