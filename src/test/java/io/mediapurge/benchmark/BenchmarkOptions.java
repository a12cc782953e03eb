package io.mediapurge.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line: N and R as positional arguments, then flags; a flag whose
 * name contains a dot is a property for the job and is passed through.
 *
 * @param n flagged documents
 * @param rounds rounds; the table shows their medians
 * @param jobOnly run the job alone, without the naive way and the ceiling
 * @param live L, live documents
 * @param images M, images per gallery and article
 * @param logLevel the job's log level
 * @param serversHeap the servers' JVM maximum heap, as for {@code -Xmx}
 * @param repositoryInChild whether the job repository (an in-memory H2 database) lives in
 * the servers' JVM, reached over H2's TCP server, or in the benchmark's JVM
 * @param jobArgs extra arguments for the job
 * @param profiles the network profiles to run, one after the other, each with its
 * baselines
 * @param naiveSeconds the longest the naive way runs in a round; cut short, its time for
 * all N is extrapolated from the share it did
 * @param alternate with {@code --job-only}: the job's arguments to alternate within each
 * round (one job run per entry, in turn forwards and backwards), or empty
 * @param freshIds seed the data set of the earlier measurements (ObjectIds made at
 * seeding, {@link BenchmarkData}) instead of documents dated weeks and months back
 * @param cmsWrites documents the CMS writer ({@link CmsWriter}) inserts per second while
 * the job runs; 0 for none
 * @param liveHeapMillis how often to force a full collection during the job and sample
 * the heap in use after it (the live set); 0 for never
 */
record BenchmarkOptions(int n, int rounds, boolean jobOnly, int live, int images, String logLevel, String serversHeap,
		boolean repositoryInChild, List<String> jobArgs, List<NetworkProfile> profiles, int naiveSeconds,
		List<String> alternate, boolean freshIds, int cmsWrites, int liveHeapMillis) {

	/**
	 * @param jobArg one more argument for the job
	 * @return these options with it
	 */
	BenchmarkOptions withJobArg(String jobArg) {
		List<String> args = new ArrayList<>(this.jobArgs);
		args.add(jobArg);
		return new BenchmarkOptions(this.n, this.rounds, this.jobOnly, this.live, this.images, this.logLevel,
				this.serversHeap, this.repositoryInChild, List.copyOf(args), this.profiles, this.naiveSeconds,
				List.of(), this.freshIds, this.cmsWrites, this.liveHeapMillis);
	}

	static final String USAGE = """
			usage: PurgeThroughputBenchmark [N] [R] [flags] [job properties]
			  N                        flagged documents, at least 4 (default 10000)
			  R                        rounds, at least 1; the tables show medians (default 3)
			  --job-only               run the job alone: no naive way, no ceiling (e.g. for N = 1000000)
			  --live=L                 live documents, one image each (default 10000)
			  --images=M               images per flagged gallery and article (default 5; theater
			                           releases always show 2, OTT releases 1)
			  --log=LEVEL              the job's log level (default WARN; INFO shows the job's own log)
			  --servers-heap=SIZE      maximum heap of the servers' JVM, as for -Xmx (default 12g)
			  --repository=WHERE       where the job repository (in-memory H2) lives: child (the servers'
			                           JVM, over TCP; default) or in-process (the job's JVM)
			  --profiles=P1,P2         network profiles, run one after the other, each with its own
			                           baselines: loopback, in-region, cross-region (default all three);
			                           NAME:mongo=MS+s3=MS+slowdown=KEYS changes one profile's MongoDB delay,
			                           S3's fixed delay or SlowDown rate, e.g. in-region:mongo=0
			  --naive-seconds=S        the longest the naive way runs in a round; cut short, its time for
			                           all N is extrapolated from the share it did (default 60)
			  --cms-writes=W           documents a CMS writer inserts per second while the job runs, half
			                           of them showing an image of a flagged document the job has yet to
			                           purge, which it must keep (default 4; 0 for none)
			  --fresh-ids              the data set of the earlier measurements: ObjectIds made at seeding
			                           (inside the references' clock-skew window), flagged documents
			                           soft-deleted two days ago without updated_at, and (unless
			                           --cms-writes says otherwise) no CMS writer
			  --live-heap-every=MS     force a full GC that often during the job and sample the heap
			                           in use after it (the live set: largest and median); for heap
			                           figures only, the forced GCs cost time (default 0: never)
			  --<property>=VALUE       any flag whose name contains a dot goes to the job,
			                           e.g. --media-purge.chunk-size=200
			  --alternate=P=V1,V2      with --job-only: in each round, run the job once with each
			                           value of job property P, forwards in odd rounds and backwards
			                           in even ones, and print a table per value
			Run it from the project root: the job reads its content-type specs from jobs/.""";

	static BenchmarkOptions parse(String[] args) {
		List<Integer> positional = new ArrayList<>();
		boolean jobOnly = false;
		int live = 10_000;
		int images = 5;
		String logLevel = "WARN";
		String serversHeap = "12g";
		boolean repositoryInChild = true;
		List<String> jobArgs = new ArrayList<>();
		List<NetworkProfile> profiles = NetworkProfile.ALL;
		int naiveSeconds = 60;
		List<String> alternate = List.of();
		boolean freshIds = false;
		Integer cmsWrites = null;
		int liveHeapMillis = 0;
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				positional.add(number(arg, "N and R"));
				continue;
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			String value = (equals < 0) ? null : arg.substring(equals + 1);
			if (name.contains(".")) {
				jobArgs.add(arg);
				continue;
			}
			if (name.equals("alternate")) {
				alternate = alternate(matching(value, "[a-z0-9.-]+=[^,=]+(,[^,=]+)+", name));
				continue;
			}
			switch (name) {
				case "job-only" -> jobOnly = flag(value, name);
				case "live" -> live = number(value, name);
				case "images" -> images = number(value, name);
				case "log" -> logLevel = matching(value, "(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF", name);
				case "servers-heap" -> serversHeap = matching(value, "[1-9][0-9]*[kKmMgG]?", name);
				case "profiles" -> profiles = NetworkProfile.list(matching(value, "[a-z0-9,:=+.-]+", name));
				case "naive-seconds" -> naiveSeconds = number(value, name);
				case "fresh-ids" -> freshIds = flag(value, name);
				case "cms-writes" -> cmsWrites = number(value, name);
				case "live-heap-every" -> liveHeapMillis = number(value, name);
				case "repository" -> repositoryInChild = matching(value, "child|in-process", name).equals("child");
				default -> throw new IllegalArgumentException("unknown flag " + arg);
			}
		}
		if (positional.size() > 2) {
			throw new IllegalArgumentException("at most two positional arguments, N and R: " + positional);
		}
		int n = positional.isEmpty() ? 10_000 : positional.get(0);
		int rounds = (positional.size() < 2) ? 3 : positional.get(1);
		if (!alternate.isEmpty() && !jobOnly) {
			throw new IllegalArgumentException("--alternate needs --job-only");
		}
		if (n < 4 || rounds < 1 || live < 1 || images < 1) {
			throw new IllegalArgumentException("N >= 4, R >= 1, L >= 1 and M >= 1 are required");
		}
		return new BenchmarkOptions(n, rounds, jobOnly, live, images, logLevel.toUpperCase(), serversHeap,
				repositoryInChild, List.copyOf(jobArgs), profiles, naiveSeconds, alternate, freshIds,
				(cmsWrites != null) ? cmsWrites : freshIds ? 0 : 4, liveHeapMillis);
	}

	/** {@code P=V1,V2} as {@code --P=V1}, {@code --P=V2}. */
	private static List<String> alternate(String value) {
		int equals = value.indexOf('=');
		String property = value.substring(0, equals);
		return List.of(value.substring(equals + 1).split(",")).stream().map(v -> "--" + property + "=" + v).toList();
	}

	static int number(String value, String name) {
		try {
			return Integer.parseInt(matching(value, "[0-9_,]+", name).replaceAll("[_,]", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + ": not a number: " + value);
		}
	}

	private static boolean flag(String value, String name) {
		if (value != null) {
			throw new IllegalArgumentException("--" + name + " takes no value");
		}
		return true;
	}

	static String matching(String value, String pattern, String name) {
		if (value == null || !value.matches(pattern)) {
			throw new IllegalArgumentException(name + ": bad value " + value);
		}
		return value;
	}

}
