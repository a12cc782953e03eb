package io.mediapurge.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How far the job is from its servers: the delay the child JVM's servers add to each
 * request before answering, and the rate above which S3 answers 503 SlowDown. The figures
 * and their sources are in BENCHMARKS.md ("Network profiles").
 *
 * @param name the profile's name on the command line
 * @param s3FixedMicros added to every S3 request (DeleteObject, DeleteObjects and
 * ListObjectsV2)
 * @param s3PerKeyMicros added per key of an S3 request
 * @param mongoMicros added to every MongoDB command
 * @param s3KeysPerSecondPerPrefix deleted keys per second and partitioned prefix above
 * which S3 answers SlowDown; 0: never
 */
record NetworkProfile(String name, long s3FixedMicros, long s3PerKeyMicros, long mongoMicros,
		int s3KeysPerSecondPerPrefix) {

	/** No delay and no throttling: the servers as fast as loopback lets them be. */
	static final NetworkProfile LOOPBACK = new NetworkProfile("loopback", 0, 0, 0, 0);

	/**
	 * The job, MongoDB's primary and S3 in one AWS region, the primary in another
	 * availability zone.
	 */
	static final NetworkProfile IN_REGION = new NetworkProfile("in-region", 30_000, 100, 1_500, 3_500);

	/** The job in another region than its MongoDB and its bucket. */
	static final NetworkProfile CROSS_REGION = new NetworkProfile("cross-region", 110_000, 100, 75_000, 3_500);

	static final List<NetworkProfile> ALL = List.of(LOOPBACK, IN_REGION, CROSS_REGION);

	/**
	 * A profile by name, with optional overrides after a colon, to tell which delay holds
	 * a run back: {@code in-region:mongo=0} is the in-region profile with MongoDB at no
	 * delay; {@code s3=MS} sets the fixed part of every S3 request, {@code mongo=MS}
	 * every MongoDB command's delay, {@code slowdown=KEYS} the keys per second and prefix
	 * above which S3 throttles (0: never). Overrides are separated by {@code +}.
	 */
	static NetworkProfile named(String spec) {
		int colon = spec.indexOf(':');
		String name = (colon < 0) ? spec : spec.substring(0, colon);
		NetworkProfile profile = ALL.stream()
			.filter(known -> known.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown network profile '" + name + "'; known: "
					+ ALL.stream().map(NetworkProfile::name).collect(Collectors.joining(", "))));
		if (colon < 0) {
			return profile;
		}
		for (String override : spec.substring(colon + 1).split("\\+")) {
			String[] parts = override.split("=", 2);
			if (parts.length != 2 || !parts[1].matches("\\d+(\\.\\d+)?")) {
				throw new IllegalArgumentException("bad override '" + override + "' of network profile '" + name
						+ "': expected s3=MS, mongo=MS or slowdown=KEYS");
			}
			long micros = Math.round(Double.parseDouble(parts[1]) * 1_000);
			profile = switch (parts[0]) {
				case "s3" -> new NetworkProfile(spec, micros, profile.s3PerKeyMicros, profile.mongoMicros,
						profile.s3KeysPerSecondPerPrefix);
				case "mongo" -> new NetworkProfile(spec, profile.s3FixedMicros, profile.s3PerKeyMicros, micros,
						profile.s3KeysPerSecondPerPrefix);
				case "slowdown" -> new NetworkProfile(spec, profile.s3FixedMicros, profile.s3PerKeyMicros,
						profile.mongoMicros, (int) Math.round(Double.parseDouble(parts[1])));
				default -> throw new IllegalArgumentException("bad override '" + override + "' of network profile '"
						+ name + "': expected s3=MS, mongo=MS or slowdown=KEYS");
			};
		}
		return profile;
	}

	/** Profiles from a comma-separated list of names. */
	static List<NetworkProfile> list(String names) {
		return Arrays.stream(names.split(",")).map(String::trim).map(NetworkProfile::named).distinct().toList();
	}

	boolean delays() {
		return this.s3FixedMicros > 0 || this.s3PerKeyMicros > 0 || this.mongoMicros > 0;
	}

	/** The servers' command that sets this profile. */
	String command() {
		return String.format("NETWORK %d %d %d %d", this.s3FixedMicros, this.s3PerKeyMicros, this.mongoMicros,
				this.s3KeysPerSecondPerPrefix);
	}

	@Override
	public String toString() {
		return String.format(
				"%s (S3: %.1f ms + %.3f ms a key, SlowDown above %s keys/s a prefix; MongoDB: %.1f ms " + "a command)",
				this.name, this.s3FixedMicros / 1e3, this.s3PerKeyMicros / 1e3,
				(this.s3KeysPerSecondPerPrefix == 0) ? "no limit of" : this.s3KeysPerSecondPerPrefix,
				this.mongoMicros / 1e3);
	}

}
