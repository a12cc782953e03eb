package io.mediapurge.purge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points of the purge at which a crash test kills the process. Only a test can arm
 * one, with the system property {@value #PROPERTY}{@code =<name>[@<n>]} (read once, at
 * class initialisation): the {@code n}-th time (default 2, so that one chunk has been
 * committed before) the point is reached, the thread prints
 * {@value #MARKER}{@code <name>} on standard output and blocks for good, so the test can
 * send SIGKILL at exactly that moment. Unarmed, a point costs one comparison.
 */
final class KillPoints {

	/** The system property that arms a point. */
	static final String PROPERTY = "media-purge.test.kill-point";

	/** Printed on standard output when an armed point is reached. */
	static final String MARKER = "MEDIA-PURGE-KILL-POINT-REACHED ";

	/** A chunk's documents are claimed; nothing of it is deleted. */
	static final String AFTER_CLAIM = "after-claim";

	/** S3 confirmed the chunk's deletes; the audit log does not have them yet. */
	static final String AFTER_S3_DELETE = "after-s3-delete";

	/** The deletes are in the audit log; no document of the chunk is hard-deleted. */
	static final String AFTER_AUDIT = "after-audit";

	/** The chunk's documents are hard-deleted; its transaction has not committed. */
	static final String AFTER_HARD_DELETE = "after-hard-delete";

	/** Half of a chunk's documents are read and processed; nothing of it is written. */
	static final String MID_CHUNK = "mid-chunk";

	private static final String ARMED;

	private static final int AT;

	private static final AtomicInteger reached = new AtomicInteger();

	static {
		String value = System.getProperty(PROPERTY, "");
		int at = value.indexOf('@');
		ARMED = (at < 0) ? value : value.substring(0, at);
		AT = (at < 0) ? 2 : Integer.parseInt(value.substring(at + 1));
	}

	private KillPoints() {
	}

	/**
	 * @param name the point reached; blocks for good when it is the armed one and reached
	 * for the armed time
	 */
	static void reach(String name) {
		if (ARMED.isEmpty() || !ARMED.equals(name) || reached.incrementAndGet() != AT) {
			return;
		}
		System.out.println(MARKER + name);
		System.out.flush();
		while (true) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// waits for SIGKILL whatever happens
			}
		}
	}

}
