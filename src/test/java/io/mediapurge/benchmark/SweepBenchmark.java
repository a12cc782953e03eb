package io.mediapurge.benchmark;

import java.util.Arrays;
import java.util.List;

import io.mediapurge.support.EmbeddedS3;

/**
 * The orphan sweep ({@code orphanSweepJob}) at scale: {@code sweep plan} then
 * {@code sweep apply}, each a launch of the whole application in this JVM (start-up and
 * shut-down included), against the servers' JVM ({@link BenchmarkServers}) seeded with a
 * {@link SweepData} before each round. It measures the ListObjectsV2 requests of the
 * plan, the heap left after GC during the plan, and the apply's delete rate, and compares
 * that rate, in the same run, with the purge job's (a {@link JobRun} of the purge
 * benchmark's data set) and with the raw DeleteObjects limit ({@link Baselines#ceiling}).
 * Every round checks that the plan holds exactly the seeded orphans (less the mark's
 * stated false keeps, when it is not exact), and that the apply deleted them and nothing
 * else.
 *
 * <p>
 * Run from the project root, like {@link PurgeThroughputBenchmark}: <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.mediapurge.benchmark.SweepBenchmark 3 \
 *   --objects=1000000 --documents=100000
 * }</pre> Arguments: see {@link SweepOptions#USAGE}.
 */
public final class SweepBenchmark {

	private SweepBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		SweepOptions options;
		try {
			options = SweepOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("SweepBenchmark: " + ex.getMessage());
			System.err.println(SweepOptions.USAGE);
			System.exit(2);
			return;
		}
		SweepData data = new SweepData(options.objects(), options.documents(), options.orphanPercent());
		BenchmarkData purge = new BenchmarkData(Math.max(4, options.purgeN()), 5, 10_000, true);
		System.setProperty("aws.accessKeyId", EmbeddedS3.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", EmbeddedS3.SECRET_KEY);
		describe(data, purge, options);
		int rounds = options.rounds();
		boolean ok = true;
		long start = System.nanoTime();
		try (ServersProcess servers = ServersProcess.start(purge, options.serversHeap())) {
			System.out.printf("servers' JVM: pid %d, -Xmx%s; MongoDB %s, S3 %s%n", servers.pid(), options.serversHeap(),
					servers.mongoUri(), servers.s3Endpoint());
			for (NetworkProfile profile : options.profiles()) {
				servers.network(profile);
				System.out.printf("%n=== network profile %s%n", profile);
				SweepRound[] sweeps = new SweepRound[rounds];
				JobRun[] purges = new JobRun[rounds];
				Baselines.Run[] ceilings = new Baselines.Run[rounds];
				for (int round = 1; round <= rounds; round++) {
					String repository = servers.h2Url("sweep-" + round);
					List<String> baseArgs = JobRun.applicationArgs(servers, repository, options.logLevel(),
							options.jobArgs(), profile, SweepData.KEY_PREFIXES);
					sweeps[round - 1] = SweepRound.run(data, servers, round, baseArgs, repository);
					if (options.purgeN() > 0) {
						purges[round - 1] = JobRun.run(purge, servers, round, options.purgeOptions(), profile);
						ceilings[round - 1] = Baselines.ceiling(purge, servers, round);
					}
				}
				System.out.printf("%n--- results, network profile %s%n", profile);
				SweepTables.print(data, purge, options.purgeN() > 0, sweeps, purges, ceilings);
				ok &= Arrays.stream(sweeps).allMatch(SweepRound::ok)
						&& (options.purgeN() == 0 || Arrays.stream(purges).allMatch(JobRun::ok)
								&& Arrays.stream(ceilings).allMatch(Baselines.Run::ok));
			}
		}
		System.out.printf("%nchecks of every round: %s; the benchmark took %.0f s%n", ok ? "OK" : "FAILED",
				(System.nanoTime() - start) / 1e9);
		System.exit(ok ? 0 : 1);
	}

	private static void describe(SweepData data, BenchmarkData purge, SweepOptions options) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("benchmark JVM: %s %s (%s), %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
				runtime.availableProcessors(), runtime.maxMemory() >> 20);
		System.out.printf(
				"O=%d objects under %s (key prefixes %s): %d orphans (%d %%), %d young, %d referenced; %d more "
						+ "orphans under %s (outside the prefixes).%n",
				data.objects(), SweepData.PREFIXES, SweepData.KEY_PREFIXES, data.orphans(), data.orphanPercent(),
				data.young(), data.referenced(), data.outside(), SweepData.OUTSIDE);
		System.out
			.printf("D=%d documents over the four content types (galleries and articles M=%d images, theater releases "
					+ "2, OTT releases 1: %d image URLs in five URL forms; every 20th in its grace period); "
					+ "%d dangling references.%n", data.documents(), data.m(), data.imageSlots(), data.dangling());
		System.out.printf(
				"%d round(s) per network profile %s; purge baseline: %s; job log level %s, job arguments %s%n",
				options.rounds(), options.profiles().stream().map(NetworkProfile::name).toList(), (options.purgeN() > 0)
						? "N=" + purge.n() + " flagged documents, " + purge.ownKeys() + " keys to delete" : "none",
				options.logLevel(), options.jobArgs());
	}

}
