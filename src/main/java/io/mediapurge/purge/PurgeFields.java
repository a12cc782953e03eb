package io.mediapurge.purge;

/**
 * Fields the job writes on a soft-deleted document. Together with the spec's flag and
 * timestamp fields they are the contract with the CMS (see the README).
 */
public final class PurgeFields {

	/** Set when the job claims a document; from then on the CMS must not restore it. */
	public static final String CLAIMED_AT = "purge_claimed_at";

	/**
	 * The claim's token, so that only the chunk that claimed a document hard-deletes it.
	 */
	public static final String CLAIM = "purge_claim";

	/**
	 * The token of the chunk that set {@link #CLAIMED_AT}: only that chunk may ever take
	 * the claim back (when the document changed between its read and its claim). A claim
	 * an earlier run made stays, whatever a later chunk finds.
	 */
	public static final String CLAIMED_BY = "purge_claimed_by";

	/** How many runs failed to purge the document. */
	public static final String ATTEMPTS = "purge_attempts";

	/** Why the last attempt failed. */
	public static final String LAST_ERROR = "purge_last_error";

	/** When the last attempt failed. */
	public static final String LAST_ATTEMPT_AT = "purge_last_attempt_at";

	/**
	 * Set after too many failed attempts: the job leaves the document alone until an
	 * operator clears it.
	 */
	public static final String QUARANTINED_AT = "purge_quarantined_at";

	private PurgeFields() {
	}

}
