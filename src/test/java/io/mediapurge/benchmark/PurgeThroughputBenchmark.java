package io.mediapurge.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import io.mediapurge.support.EmbeddedS3;

/**
 * Throughput of the whole application against a naive baseline that purges each flagged
 * document with one DeleteObject call per image and one {@code deleteOne}, and against
 * the raw S3 limit (the ceiling). It is a {@code main} in the test sources, not a JUnit
 * test, so {@code mvn verify} never runs it.
 *
 * <p>
 * The in-process MongoDB server, the S3 server and the job repository's H2 server run in
 * a child JVM ({@link BenchmarkServers}), so this JVM holds only the job, which it
 * launches in-process (start-up and shut-down included), and the baselines' clients. The
 * data set is described in {@link BenchmarkData}; it is reseeded before each measurement,
 * inside the child.
 *
 * <p>
 * Run from the project root (the job reads the content-type specs from {@code jobs/}):
 * <pre>{@code
 * ./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test \
 *   && java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.mediapurge.benchmark.PurgeThroughputBenchmark 10000 3
 * }</pre>
 * <p>
 * Arguments: see {@link BenchmarkOptions#USAGE} (N, R, then flags; flags whose name
 * contains a dot go to the job). The job alone at a million documents:
 * {@code PurgeThroughputBenchmark 1000000 1 --job-only}.
 */
public final class PurgeThroughputBenchmark {

	private PurgeThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("PurgeThroughputBenchmark: " + ex.getMessage());
			System.err.println(BenchmarkOptions.USAGE);
			System.exit(2);
			return;
		}
		BenchmarkData data = new BenchmarkData(options.n(), options.images(), options.live(), options.freshIds());
		System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
		describe(data, options);
		int rounds = options.rounds();
		boolean ok = true;
		long start = System.nanoTime();
		try (ServersProcess servers = ServersProcess.start(data, options.serversHeap())) {
			System.out.printf("servers' JVM: pid %d, -Xmx%s; MongoDB %s, S3 %s, job repository %s%n", servers.pid(),
					options.serversHeap(), servers.mongoUri(), servers.s3Endpoint(),
					options.repositoryInChild() ? "in the servers' JVM (H2 over TCP)" : "in this JVM (H2 in memory)");
			for (NetworkProfile profile : options.profiles()) {
				servers.network(profile);
				System.out.printf("%n=== network profile %s%n", profile);
				if (!options.alternate().isEmpty()) {
					ok &= alternate(data, servers, options, profile);
					continue;
				}
				Baselines.Run[] naive = options.jobOnly() ? null : new Baselines.Run[rounds];
				Baselines.Run[] ceiling = options.jobOnly() ? null : new Baselines.Run[rounds];
				JobRun[] job = new JobRun[rounds];
				for (int round = 1; round <= rounds; round++) {
					if (options.jobOnly()) {
						job[round - 1] = JobRun.run(data, servers, round, options, profile);
						continue;
					}
					// alternating order: the naive way first in odd rounds, the job in
					// even
					// ones
					ceiling[round - 1] = Baselines.ceiling(data, servers, round);
					if (round % 2 == 1) {
						naive[round - 1] = Baselines.naive(data, servers, round, options.naiveSeconds());
					}
					job[round - 1] = JobRun.run(data, servers, round, options, profile);
					if (round % 2 == 0) {
						naive[round - 1] = Baselines.naive(data, servers, round, options.naiveSeconds());
					}
				}
				System.out.printf("%n--- results, network profile %s%n", profile);
				ResultTable.print(data, naive, ceiling, job);
				ok &= Arrays.stream(job).allMatch(JobRun::ok)
						&& (options.jobOnly() || Arrays.stream(naive).allMatch(Baselines.Run::ok)
								&& Arrays.stream(ceiling).allMatch(Baselines.Run::ok));
			}
		}
		System.out.printf("%nend state of every round: %s; the benchmark took %.0f s%n", ok ? "OK" : "FAILED",
				(System.nanoTime() - start) / 1e9);
		System.exit(ok ? 0 : 1);
	}

	/**
	 * The job alone, once per alternated argument in each round, in turn forwards and
	 * backwards, so that both see the same machine load on average.
	 */
	private static boolean alternate(BenchmarkData data, ServersProcess servers, BenchmarkOptions options,
			NetworkProfile profile) throws Exception {
		List<String> variants = options.alternate();
		JobRun[][] runs = new JobRun[variants.size()][options.rounds()];
		for (int round = 1; round <= options.rounds(); round++) {
			for (int i = 0; i < variants.size(); i++) {
				int variant = (round % 2 == 1) ? i : variants.size() - 1 - i;
				System.out.printf("round %d: %s (load average %.2f)%n", round, variants.get(variant),
						ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
				runs[variant][round - 1] = JobRun.run(data, servers, round, "bench-" + round + "-" + variant,
						options.withJobArg(variants.get(variant)), profile);
			}
		}
		boolean ok = true;
		for (int variant = 0; variant < variants.size(); variant++) {
			System.out.printf("%n--- results, network profile %s, %s%n", profile, variants.get(variant));
			ResultTable.print(data, null, null, runs[variant]);
			ok &= Arrays.stream(runs[variant]).allMatch(JobRun::ok);
		}
		return ok;
	}

	private static void describe(BenchmarkData data, BenchmarkOptions options) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("benchmark JVM: %s %s (%s), %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
				runtime.availableProcessors(), runtime.maxMemory() >> 20);
		System.out.printf("N=%d flagged documents with %d image URLs; galleries and articles show M=%d images each, "
				+ "theater releases 2 (movie_image, movie_banner) and OTT releases 1 (movie_image). L=%d live "
				+ "documents with one image each. %d flagged documents (10%%) show one image of a live document as "
				+ "their last (%d distinct live images). %d objects in the bucket; the job deletes %d.%n", data.n(),
				data.flaggedImages(), data.m(), data.l(), data.sharingDocuments(), data.sharedLiveKeys(),
				data.objects(), data.ownKeys());
		System.out.println(data.freshIds()
				? "Dates: ObjectIds made at seeding, flagged documents soft-deleted two days ago (--fresh-ids)."
				: "Dates: flagged documents inserted 90 to 30 days ago, soft-deleted 2 to 11 days ago; live ones "
						+ "inserted 180 to 30 days ago, edited 1 to 28 days ago.");
		System.out.println((options.cmsWrites() == 0) ? "No CMS writer." : "CMS writer: " + options.cmsWrites()
				+ " new live documents a second during the job, every other "
				+ "one showing a key of a flagged document " + CmsWriter.AHEAD + " to " + 2 * CmsWriter.AHEAD
				+ " documents of its collection ahead of the job, in varied URL forms; the job must keep those keys.");
		for (int type = 0; type < 4; type++) {
			System.out.printf("  %-17s %8d flagged documents x %d images = %9d image URLs, %7d sharing%n",
					BenchmarkData.COLLECTIONS.get(type), data.flagged(type), data.imagesPerDocument(type),
					data.flaggedImages(type), data.sharing(type));
		}
		System.out.printf("%s, %d round(s) per network profile (%s), job log level %s, job arguments %s%n",
				options.jobOnly() ? "the job alone"
						: "ceiling, naive (at most " + options.naiveSeconds() + " s a round) and job",
				options.rounds(), options.profiles().stream().map(NetworkProfile::name).toList(), options.logLevel(),
				options.jobArgs());
	}

}
