package io.mediapurge.catalogue;

/**
 * The content catalogue cannot be loaded: a spec is missing, unreadable or has a mistake.
 * The message names the file and the field.
 */
public class CatalogueException extends RuntimeException {

	public CatalogueException(String message) {
		super(message);
	}

	public CatalogueException(String message, Throwable cause) {
		super(message, cause);
	}

}
