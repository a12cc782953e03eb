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

	static NetworkProfile named(String name) {
		return ALL.stream()
			.filter(profile -> profile.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown network profile '" + name + "'; known: "
					+ ALL.stream().map(NetworkProfile::name).collect(Collectors.joining(", "))));
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
