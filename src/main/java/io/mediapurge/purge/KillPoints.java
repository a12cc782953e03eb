package io.mediapurge.purge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkpoints hook of the crash tests, which run the packaged application in a
 * process of its own and so cannot inject a bean: armed only by the system property
 * {@value #PROPERTY}{@code =<name>[@<n>]}, it makes the {@code n}-th passage (default 2,
 * so that one chunk has been committed before) of the named checkpoint print
 * {@value #MARKER}{@code <name>} on standard output and block for good, so the test can
 * send SIGKILL at exactly that moment. Without the property the job uses
 * {@link PurgeCheckpoints#NONE}.
 */
final class KillPoints implements PurgeCheckpoints {

	/** The system property that arms a point. */
	static final String PROPERTY = "media-purge.test.kill-point";

	/** Printed on standard output when an armed point is reached. */
	static final String MARKER = "MEDIA-PURGE-KILL-POINT-REACHED ";

	private final String armed;

	private final int at;

	private final AtomicInteger reached = new AtomicInteger();

	private KillPoints(String armed, int at) {
		this.armed = armed;
		this.at = at;
	}

	/**
	 * @return the hook the system property arms, or {@link PurgeCheckpoints#NONE}
	 */
	static PurgeCheckpoints fromSystemProperty() {
		String value = System.getProperty(PROPERTY, "");
		if (value.isEmpty()) {
			return NONE;
		}
		int at = value.indexOf('@');
		return new KillPoints((at < 0) ? value : value.substring(0, at),
				(at < 0) ? 2 : Integer.parseInt(value.substring(at + 1)));
	}

	@Override
	public void reached(Checkpoint checkpoint) {
		if (!this.armed.equals(checkpoint.label()) || this.reached.incrementAndGet() != this.at) {
			return;
		}
		System.out.println(MARKER + checkpoint.label());
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
