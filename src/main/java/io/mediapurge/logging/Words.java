package io.mediapurge.logging;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durations and rates as a person reads them, the same words as the sweep page: "7 days"
 * for {@code PT168H}, "about 1 in 120,000" for {@code 8.3e-6}. For the log lines and the
 * command line alike, so an operator reads one wording wherever a plan is described.
 */
public final class Words {

	private Words() {
	}

	/**
	 * @param iso an ISO-8601 duration as {@link Duration} writes it
	 * @return "7 days", "1 hour 30 minutes", "none"; anything unreadable as given
	 */
	public static String duration(String iso) {
		Duration duration;
		try {
			duration = Duration.parse(iso);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			return String.valueOf(iso);
		}
		if (duration.isZero()) {
			return "none";
		}
		if (duration.isNegative()) {
			return iso;
		}
		List<String> words = new ArrayList<>();
		long seconds = duration.getSeconds();
		long[] sizes = { 86400, 3600, 60, 1 };
		String[] units = { "day", "hour", "minute", "second" };
		for (int i = 0; i < sizes.length; i++) {
			if (seconds >= sizes[i]) {
				long count = seconds / sizes[i];
				words.add(count + " " + units[i] + ((count == 1) ? "" : "s"));
				seconds %= sizes[i];
			}
		}
		if (words.isEmpty()) {
			words.add(duration.toMillis() + " ms");
		}
		return String.join(" ", words);
	}

	/**
	 * @param rate a share between 0 and 1
	 * @return "none", "about 1 in 120,000", "60 %"
	 */
	public static String rate(double rate) {
		if (!Double.isFinite(rate) || rate < 0) {
			return String.valueOf(rate);
		}
		if (rate == 0) {
			return "none";
		}
		if (rate >= 0.5) {
			return Math.round(rate * 100) + " %";
		}
		double oneIn = new java.math.BigDecimal(1 / rate).round(new java.math.MathContext(2)).doubleValue();
		return String.format(Locale.ROOT, "about 1 in %,.0f", oneIn);
	}

}
