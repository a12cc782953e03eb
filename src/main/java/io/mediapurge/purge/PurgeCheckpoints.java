package io.mediapurge.purge;

/**
 * Named moments of a chunk's purge, told to a hook that does nothing in production. Tests
 * inject one to act at an exact moment (kill the process, fail a command, let the CMS
 * write); {@link KillPoints} is the one the crash tests arm from a system property in a
 * process of their own.
 */
public interface PurgeCheckpoints {

	/** The hook that does nothing. */
	PurgeCheckpoints NONE = checkpoint -> {
	};

	/** The moments, in the order a chunk meets them. */
	enum Checkpoint {

		/**
		 * Half of a chunk's documents are read and processed; nothing of it is written.
		 */
		MID_CHUNK("mid-chunk"),

		/** A chunk's documents are claimed; nothing of it is deleted. */
		AFTER_CLAIM("after-claim"),

		/**
		 * A chunk's back begins: its documents are claimed, and which of their keys may
		 * go is not decided yet. With {@code max-chunks-in-flight} above 1 this and the
		 * later points are reached on the back's thread, while the step's thread goes on
		 * to the next chunk.
		 */
		BEFORE_CHECK("before-check"),

		/**
		 * A DeleteObjects request of the chunk (or of the last step), retries included,
		 * is about to be sent: its budget let it go, and its keys are not checked again
		 * yet.
		 */
		BEFORE_REQUEST("before-request"),

		/** S3 confirmed the chunk's deletes; the audit log does not have them yet. */
		AFTER_S3_DELETE("after-s3-delete"),

		/** The deletes are in the audit log; no document of the chunk is hard-deleted. */
		AFTER_AUDIT("after-audit"),

		/** The chunk's documents are hard-deleted; its transaction has not committed. */
		AFTER_HARD_DELETE("after-hard-delete");

		private final String label;

		Checkpoint(String label) {
			this.label = label;
		}

		/**
		 * @return the name a test arms it by
		 */
		public String label() {
			return this.label;
		}

	}

	/**
	 * @param checkpoint the moment just reached, on the step's thread (or on a chunk's
	 * back's, see {@link Checkpoint#BEFORE_CHECK})
	 */
	void reached(Checkpoint checkpoint);

}
