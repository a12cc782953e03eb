package io.mediapurge.catalogue;

/**
 * A document does not have the shape its content-type spec describes, so its images
 * cannot be known for sure. The purge job skips such a document and records the reason;
 * the document stays flagged and untouched.
 */
public class MalformedDocumentException extends RuntimeException {

	private final String reasonCode;

	/**
	 * @param reasonCode a short, stable code to count skips by, such as
	 * {@code not-an-array}
	 * @param message what is wrong and where, for people
	 */
	public MalformedDocumentException(String reasonCode, String message) {
		super(message);
		this.reasonCode = reasonCode;
	}

	public String reasonCode() {
		return this.reasonCode;
	}

}
