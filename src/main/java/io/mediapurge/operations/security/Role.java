package io.mediapurge.operations.security;

/**
 * What a user of the API and dashboard may do.
 */
public enum Role {

	/** Reads: executions, their details, trends and plans ({@code GET}). */
	VIEWER,

	/**
	 * Reads and acts: start, restart, stop, recover, abandon ({@code GET} and
	 * {@code POST}).
	 */
	OPERATOR

}
