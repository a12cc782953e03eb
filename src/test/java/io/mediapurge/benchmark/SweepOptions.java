package io.mediapurge.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The orphan sweep benchmark's command line: R as the positional argument, then flags; a
 * flag whose name contains a dot is a property for the job and is passed through.
 *
 * @param rounds rounds; the tables show their medians
 * @param objects O, objects under the swept prefixes
 * @param documents D, documents
 * @param orphanPercent orphans among the objects, in percent
 * @param purgeN flagged documents of the purge baseline (0: no purge baseline)
 * @param logLevel the job's log level
 * @param serversHeap the servers' JVM maximum heap, as for {@code -Xmx}
 * @param profiles the network profiles to run
 * @param jobArgs extra arguments for the job
 */
record SweepOptions(int rounds, int objects, int documents, int orphanPercent, int purgeN, String logLevel,
		String serversHeap, List<NetworkProfile> profiles, List<String> jobArgs) {

	static final String USAGE = """
			usage: SweepBenchmark [R] [flags] [job properties]
			  R                        rounds, at least 1; the tables show medians (default 3)
			  --objects=O              objects under the swept prefixes, a multiple of 100 (default 100000)
			  --documents=D            documents, across the four content types (default 100000)
			  --orphans=PCT            orphans among the objects, in percent (default 10)
			  --purge-n=N              flagged documents of the purge baseline, whose DeleteObjects rate
			                           the apply's is compared with; 0 for none (default 10000)
			  --log=LEVEL              the job's log level (default WARN)
			  --servers-heap=SIZE      maximum heap of the servers' JVM, as for -Xmx (default 8g)
			  --profiles=P1,P2         network profiles: loopback, in-region, cross-region (default loopback);
			                           NAME:mongo=MS+s3=MS+slowdown=KEYS changes one, e.g. in-region:mongo=0
			  --<property>=VALUE       any flag whose name contains a dot goes to the job (plan, apply and
			                           the purge baseline), e.g. --media-purge.sweep.delete-chunk-size=1000
			Run it from the project root: the job reads its content-type specs from jobs/.""";

	static SweepOptions parse(String[] args) {
		int rounds = 3;
		int positional = 0;
		int objects = 100_000;
		int documents = 100_000;
		int orphans = 10;
		int purgeN = 10_000;
		String logLevel = "WARN";
		String serversHeap = "8g";
		List<NetworkProfile> profiles = List.of(NetworkProfile.LOOPBACK);
		List<String> jobArgs = new ArrayList<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				if (positional++ > 0) {
					throw new IllegalArgumentException("one positional argument, R: " + arg);
				}
				rounds = BenchmarkOptions.number(arg, "R");
				continue;
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			String value = (equals < 0) ? null : arg.substring(equals + 1);
			if (name.contains(".")) {
				jobArgs.add(arg);
				continue;
			}
			switch (name) {
				case "objects" -> objects = BenchmarkOptions.number(value, name);
				case "documents" -> documents = BenchmarkOptions.number(value, name);
				case "orphans" -> orphans = BenchmarkOptions.number(value, name);
				case "purge-n" -> purgeN = BenchmarkOptions.number(value, name);
				case "log" -> logLevel = BenchmarkOptions.matching(value, "(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF", name)
					.toUpperCase();
				case "servers-heap" -> serversHeap = BenchmarkOptions.matching(value, "[1-9][0-9]*[kKmMgG]?", name);
				case "profiles" ->
					profiles = NetworkProfile.list(BenchmarkOptions.matching(value, "[a-z0-9,:=+.-]+", name));
				default -> throw new IllegalArgumentException("unknown flag " + arg);
			}
		}
		if (rounds < 1 || (purgeN != 0 && purgeN < 4)) {
			throw new IllegalArgumentException("R >= 1 and N = 0 or N >= 4 are required");
		}
		// validates O, D and the percentage
		new SweepData(objects, documents, orphans);
		return new SweepOptions(rounds, objects, documents, orphans, purgeN, logLevel, serversHeap, profiles,
				List.copyOf(jobArgs));
	}

	/**
	 * The purge baseline's options: the job alone, the same log level and job arguments.
	 */
	BenchmarkOptions purgeOptions() {
		List<String> args = new ArrayList<>(List.of(Integer.toString(this.purgeN), "1", "--job-only",
				"--log=" + this.logLevel, "--servers-heap=" + this.serversHeap, "--fresh-ids"));
		args.addAll(this.jobArgs);
		return BenchmarkOptions.parse(args.toArray(String[]::new));
	}

}
