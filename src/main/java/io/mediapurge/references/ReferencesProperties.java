package io.mediapurge.references;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a step sees the references written while it runs.
 *
 * @param clockSkew how far the CMS's clocks (which write the time in each {@code _id} and
 * the {@code updated-at-field}) may lag behind this process's: every catch-up reads again
 * what was written since its previous one began, less this much. Larger only re-reads a
 * few more documents.
 * @param recheckAfter a DeleteObjects request sent longer than this after its chunk's
 * reference check (it waited for its prefix's budget, backed off, or followed the chunk's
 * earlier requests) is checked again right before it leaves: keys a document started to
 * show meanwhile are kept. {@code 0} checks before every request.
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

	public ReferencesProperties {
		if (clockSkew.isNegative()) {
			throw new IllegalArgumentException("media-purge.references.clock-skew must not be negative");
		}
		if (recheckAfter.isNegative()) {
			throw new IllegalArgumentException("media-purge.references.recheck-after must not be negative");
		}
	}

}
