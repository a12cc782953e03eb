package io.mediapurge.sweep.plan;

/**
 * A document that shows a key of the swept prefixes that the listing did not hold: a
 * broken image.
 *
 * @param contentType the document's content type
 * @param documentId its id
 * @param field the top-level field holding the URL
 * @param url the URL as the document holds it
 * @param key the key it names
 * @param live whether the document is live (not soft-deleted)
 */
public record DanglingReference(String contentType, String documentId, String field, String url, String key,
		boolean live) {
}
