package io.mediapurge.operations.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.operations.api.ApiMessages.LaunchRequest;

/**
 * Reads the body of {@code POST /api/executions} strictly, as the command line reads its
 * arguments: a request that would start a run must say exactly what it means. A typo
 * ({@code contentType} for {@code contentTypes}) would otherwise start a run of every
 * content type, a second {@code dryRun} would win over the first, and {@code "dryRun": 1}
 * would be read as {@code true}. So unknown properties, duplicate keys, trailing data and
 * every coercion between JSON types are refused with the reason, and the body is small.
 */
final class LaunchRequestReader {

	/** Far more than any real launch (a list of content type names) needs. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	private static final String EXAMPLE = "{\"dryRun\": true|false, \"contentTypes\": [...]} "
			+ "(contentTypes empty or absent for all)";

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
				DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.withCoercionConfigDefaults((coercion) -> {
			for (CoercionInputShape shape : CoercionInputShape.values()) {
				coercion.setCoercion(shape, CoercionAction.Fail);
			}
			coercion.setAcceptBlankAsEmpty(false);
		})
		.build();

	private LaunchRequestReader() {
	}

	/**
	 * @param request the HTTP request
	 * @return the launch it asks for, {@code dryRun} present
	 * @throws BadRequestException (400) for a body that is not exactly a launch request
	 * @throws BodyTooLargeException (413) for a body over {@link #MAX_BODY_BYTES}
	 * @throws IOException when the body cannot be read
	 */
	static LaunchRequest read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new BodyTooLargeException(MAX_BODY_BYTES);
		}
		byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
		if (body.length == 0) {
			throw new BadRequestException("Say whether to run for real or dry: " + EXAMPLE);
		}
		if (!isJson(request.getContentType())) {
			throw new UnsupportedContentTypeException();
		}
		LaunchRequest launch = parse(body);
		if (launch.dryRun() == null) {
			throw new BadRequestException("Say whether to run for real or dry: " + EXAMPLE);
		}
		return launch;
	}

	static LaunchRequest parse(byte[] body) {
		try {
			LaunchRequest launch = STRICT.readValue(body, LaunchRequest.class);
			if (launch == null) {
				throw new BadRequestException("The request body is null: send " + EXAMPLE);
			}
			return launch;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new BadRequestException("Unknown property '" + ex.getPropertyName() + "': a launch request has "
					+ ex.getKnownPropertyIds()
						.stream()
						.map(String::valueOf)
						.sorted()
						.collect(Collectors.joining(" and "))
					+ " only, e.g. " + EXAMPLE);
		}
		catch (MismatchedInputException ex) {
			if (ex.getPath().isEmpty()) {
				throw notExpected(ex);
			}
			throw new BadRequestException(describe(ex) + " has the wrong type: dryRun is true or false, "
					+ "contentTypes a list of names (no conversion between JSON types), e.g. " + EXAMPLE);
		}
		catch (JacksonException ex) {
			throw notExpected(ex);
		}
	}

	/**
	 * The parser's own message says what is wrong (a duplicate key, trailing data, broken
	 * JSON); its original message leaves out the location's copy of the body.
	 */
	private static BadRequestException notExpected(JacksonException ex) {
		return new BadRequestException(
				"The request body is not the JSON expected: " + ex.getOriginalMessage() + "; send " + EXAMPLE);
	}

	private static String describe(MismatchedInputException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append((field.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return "'" + field + "'";
	}

	private static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Reads the body, refusing it as soon as it grows past the limit. */
	private static byte[] readAtMost(InputStream in, int limit) throws IOException {
		byte[] body = in.readNBytes(limit + 1);
		if (body.length > limit) {
			throw new BodyTooLargeException(limit);
		}
		return body;
	}

	/** A body over the limit (answered 413). */
	static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException(int limit) {
			super("The request body is larger than " + limit + " bytes: a launch request is "
					+ "{\"dryRun\": ..., \"contentTypes\": [...]}");
		}

	}

	/** A body that is not JSON (answered 415). */
	static final class UnsupportedContentTypeException extends RuntimeException {

		UnsupportedContentTypeException() {
			super("Send the launch request as JSON, with Content-Type: application/json");
		}

	}

}
