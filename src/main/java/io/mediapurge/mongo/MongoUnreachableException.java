package io.mediapurge.mongo;

/**
 * No MongoDB server answered within the server-selection timeout. The message says which
 * servers, how long and which setting, for a person.
 */
public class MongoUnreachableException extends RuntimeException {

	MongoUnreachableException(String message) {
		super(message);
	}

}
