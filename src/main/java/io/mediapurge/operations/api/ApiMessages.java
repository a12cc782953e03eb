package io.mediapurge.operations.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.metrics.S3Pressure;

/**
 * The bodies of the API's requests and answers.
 */
public final class ApiMessages {

	private ApiMessages() {
	}

	/**
	 * {@code POST /api/executions}: what to run. {@code dryRun} is required, so that a
	 * forgotten or misspelt field can never turn into a real purge.
	 *
	 * @param dryRun report only, delete nothing
	 * @param contentTypes the content types to purge; empty or absent for all
	 */
	public record LaunchRequest(@Nullable Boolean dryRun, @Nullable List<String> contentTypes) {
	}

	/**
	 * {@code GET /api/executions/{id}}: the execution in detail (its fields at the top
	 * level) and what an operator may do with it now.
	 *
	 * @param detail the execution in detail
	 * @param actions {@code restart}, {@code stop}, {@code recover}, {@code abandon}: the
	 * ones that apply now
	 * @param s3 S3's push-back on its deletes (throttled and retried requests, the key
	 * rate now) while this process runs it, {@code null} otherwise
	 */
	public record ExecutionAnswer(@JsonUnwrapped ExecutionDetail detail, List<String> actions,
			S3Pressure.@Nullable Now s3) {
	}

	/**
	 * The answer to a start or a restart: the new execution and what happened.
	 *
	 * @param id the new execution's id
	 * @param message what happened, for a person
	 */
	public record Launched(long id, String message) {
	}

	/**
	 * The answer to an action on an execution.
	 *
	 * @param id the execution the action produced or changed
	 * @param status its status now
	 * @param message what happened, for a person
	 */
	public record ActionResult(long id, String status, String message) {
	}

	/**
	 * Why a request was refused (400, 401, 403, 404, 409).
	 *
	 * @param message the reason, for a person
	 */
	public record Problem(String message) {
	}

	/**
	 * The signed-in user, so a page can offer only what the user may do.
	 *
	 * @param username the user's name
	 * @param roles the user's roles (VIEWER, OPERATOR)
	 * @param operator whether the user may act (start, restart, stop, recover, abandon)
	 */
	public record Me(String username, List<String> roles, boolean operator) {
	}

}
