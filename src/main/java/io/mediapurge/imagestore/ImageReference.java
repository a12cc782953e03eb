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
	 * An object of our bucket.
	 *
	 * @param url the URL
	 * @param key the object key, decoded exactly once
	 */
	record OwnObject(String url, String key) implements ImageReference {
	}

	/**
	 * A URL of another host or bucket: counted and left alone.
	 *
	 * @param url the URL
	 */
	record External(String url) implements ImageReference {
	}

	/**
	 * A URL on our host that is malformed or suspicious: it is never turned into a
	 * delete, and it blocks the purge of its document.
	 *
	 * @param url the URL
	 * @param reason why it was refused
	 */
	record Suspicious(String url, String reason) implements ImageReference {
	}

}
