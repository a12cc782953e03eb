package io.mediapurge.operations.api;

/**
 * A request the API cannot take as it is (answered 400 with the message).
 */
class BadRequestException extends RuntimeException {

	BadRequestException(String message) {
		super(message);
	}

}
