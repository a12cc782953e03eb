package io.mediapurge.references;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a step sees the references written while it runs.
 *
 * @param clockSkew how far a write's time (the time in its {@code _id} and its
 * {@code updated-at-field}, both stamped by the CMS) may lie behind the moment MongoDB
 * makes it visible, as this process's clock tells: the CMS's clock lag plus the time from
 * stamping a write to its commit (a write retried after a failover reaches MongoDB tens
 * of seconds after its stamp). Every catch-up reads again what was written since its
 * previous one began, less this much. At least {@link #MIN_CLOCK_SKEW}; larger only
 * re-reads a few more documents.
 * @param recheckAfter a DeleteObjects request sent longer than this after its chunk's
 * reference check (it waited for its prefix's budget, backed off, or followed the chunk's
 * earlier requests) is checked again right before it leaves: keys a document started to
 * show meanwhile are kept. {@code 0} checks before every request; at most
 * {@link #MAX_RECHECK_AFTER}, so that the window in which a new reference can be missed
 * stays short.
 */
@ConfigurationProperties("media-purge.references")
@Validated
public record ReferencesProperties(@NotNull @DefaultValue(DEFAULT_CLOCK_SKEW_TEXT) Duration clockSkew,
		@NotNull @DefaultValue(DEFAULT_RECHECK_AFTER_TEXT) Duration recheckAfter) {

	static final String DEFAULT_CLOCK_SKEW_TEXT = "5m";

	static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

	static final String DEFAULT_RECHECK_AFTER_TEXT = "1s";

	/** The default of {@code recheck-after}. */
	public static final Duration DEFAULT_RECHECK_AFTER = Duration.ofSeconds(1);

	/** The least {@code clock-skew} accepted. */
	public static final Duration MIN_CLOCK_SKEW = Duration.ofMinutes(1);

	/** The most {@code recheck-after} accepted. */
	public static final Duration MAX_RECHECK_AFTER = Duration.ofMinutes(1);

	public ReferencesProperties {
		if (clockSkew.compareTo(MIN_CLOCK_SKEW) < 0) {
			throw new IllegalArgumentException("media-purge.references.clock-skew must be at least 1m, not " + clockSkew
					+ ": it must cover the CMS's clock lag plus the time from stamping a write to its "
					+ "commit, or a document saved during a run can be missed and an image it shows deleted");
		}
		if (recheckAfter.isNegative() || recheckAfter.compareTo(MAX_RECHECK_AFTER) > 0) {
			throw new IllegalArgumentException("media-purge.references.recheck-after must be between 0 and 1m, not "
					+ recheckAfter + ": a request sent longer after its chunk's reference check is checked again, "
					+ "and a longer wait would leave a new reference unseen for as long");
		}
	}

}
