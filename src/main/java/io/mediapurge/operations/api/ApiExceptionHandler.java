package io.mediapurge.operations.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.mediapurge.operations.api.ApiMessages.Problem;
import io.mediapurge.operations.launch.ExecutionNotFoundException;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.OperationRefusedException;

/**
 * Turns what the launcher and the read model refuse into answers with a JSON
 * {@code {"message": ...}}: 404 for an unknown execution, 409 for an action that does not
 * apply, 400 for a request that makes no sense. Applies to every controller of
 * {@code io.mediapurge.operations}.
 */
@RestControllerAdvice(basePackages = "io.mediapurge.operations")
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<Problem> notFound(ExecutionNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> refused(OperationRefusedException ex) {
		logger.info("Refused: {}", ex.getMessage());
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> invalidLaunch(InvalidLaunchArgumentsException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> badRequest(BadRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> tooLarge(LaunchRequestReader.BodyTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> notJson(LaunchRequestReader.UnsupportedContentTypeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Problem> unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The request body is not the JSON expected, for example "
				+ "{\"dryRun\": true, \"contentTypes\": [\"gallery\"]}");
	}

	@ExceptionHandler
	ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "'" + ex.getValue() + "' is not a valid " + ex.getName());
	}

	@ExceptionHandler
	ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The parameter '" + ex.getParameterName() + "' is required");
	}

	private static ResponseEntity<Problem> problem(HttpStatus status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new Problem(message));
	}

}
