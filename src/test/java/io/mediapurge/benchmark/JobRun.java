package io.mediapurge.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.operations.cli.ExitCodes;

/**
 * One run of the whole application, launched in the benchmark's JVM (start-up and
 * shut-down included), with the rate limit off and the blast-radius guard opened, and
 * what it measured.
 *
 * @param seconds wall time, start-up and shut-down included
 * @param ok whether the exit code and the end state are right
 * @param executionSeconds the job execution, from the job repository
 * @param steps each step's duration in seconds, from the job repository
 * @param chunks chunks committed: the sum of the steps' commit counts
 * @param s3Requests DeleteObjects requests, from the run summary (retries included)
 * @param commands MongoDB commands by name
 * @param mongoSeconds time the driver waited for MongoDB's answers
 * @param s3Seconds time of the DeleteObjects requests, from the
 * {@code media.purge.s3.requests} timer ({@code NaN} without that timer)
 * @param heapBeforeMb heap in use before the run, right after a GC
 * @param heapAfterGcMb largest heap left after a GC during the run
 * @param cpuSeconds CPU time of this JVM (every thread: the job's, its clients', the
 * garbage collector's and the JIT compiler's) from start-up to shut-down, from the
 * process CPU time the JVM reports
 * @param blocked documents blocked, from the run summary
 * @param servers what the servers counted during the run ({@link ServersProcess#stats()})
 */
record JobRun(double seconds, boolean ok, double executionSeconds, Map<String, Double> steps, long chunks,
		long s3Requests, Map<String, Long> commands, double mongoSeconds, double s3Seconds, long heapBeforeMb,
		long heapAfterGcMb, double cpuSeconds, long blocked, Map<String, String> servers) {

	static final String BOOT_MONGO_TIMER = "mongodb.driver.commands";

	private static final String INDENT = " ".repeat(17);

	/** The job's own work: the execution minus its MongoDB and S3 time. */
	double ownSeconds() {
		return this.executionSeconds - this.mongoSeconds - (Double.isNaN(this.s3Seconds) ? 0 : this.s3Seconds);
	}

	long mongoCommands() {
		return this.commands.values().stream().mapToLong(Long::longValue).sum();
	}

	/** The key prefixes of the benchmark's bucket: one S3 budget each. */
	static final String KEY_PREFIXES = "galleries/,articles/,releases/,live/";

	double stat(String name) {
		String value = this.servers.get(name);
		return (value == null) ? Double.NaN : Double.parseDouble(value);
	}

	/**
	 * The application's arguments against the servers: their MongoDB, S3 and job
	 * repository, the guard opened, the extra job arguments, then the key prefixes and
	 * (on loopback) the rate limit off, unless the job arguments set them.
	 */
	static List<String> applicationArgs(ServersProcess servers, String repository, String logLevel,
			List<String> jobArgs, NetworkProfile profile, String keyPrefixes) {
		List<String> args = new ArrayList<>(List.of("--spring.mongodb.uri=" + servers.mongoUri(),
				"--spring.datasource.url=" + repository, "--media-purge.s3.bucket=" + BenchmarkData.BUCKET,
				"--media-purge.s3.endpoint=" + servers.s3Endpoint(), "--media-purge.s3.path-style=true",
				"--media-purge.s3.public-base-urls=" + BenchmarkData.CDN,
				// the benchmark purges nearly everything on purpose: guard opened
				"--media-purge.guard.max-share=1.0", "--media-purge.guard.max-documents=1000000000",
				"--logging.level.root=" + logLevel, "--logging.level.io.mediapurge=" + logLevel));
		args.addAll(jobArgs);
		// defaults the command line may override (a property given twice would bind to
		// both values)
		if (jobArgs.stream().noneMatch(arg -> arg.startsWith("--media-purge.s3.key-prefixes="))) {
			args.add("--media-purge.s3.key-prefixes=" + keyPrefixes);
		}
		// on loopback nothing throttles: the rate limit off, as before the profiles;
		// elsewhere the budgets at their defaults, against S3's SlowDown
		if (profile.s3KeysPerSecondPerPrefix() == 0
				&& jobArgs.stream().noneMatch(arg -> arg.startsWith("--media-purge.s3.delete.max-keys-per-second="))) {
			args.add("--media-purge.s3.delete.max-keys-per-second=0");
		}
		return args;
	}

	static JobRun run(BenchmarkData data, ServersProcess servers, int round, BenchmarkOptions options,
			NetworkProfile profile) throws Exception {
		return run(data, servers, round, "bench-" + round, options, profile);
	}

	/**
	 * @param database the job repository's database, new for each run
	 */
	static JobRun run(BenchmarkData data, ServersProcess servers, int round, String database, BenchmarkOptions options,
			NetworkProfile profile) throws Exception {
		double seeding = Double.parseDouble(servers.seed().get("seconds"));
		String repository = options.repositoryInChild() ? servers.h2Url(database)
				: "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
		List<String> args = applicationArgs(servers, repository, options.logLevel(), options.jobArgs(), profile,
				KEY_PREFIXES);
		MongoCommands commands = new MongoCommands();
		SpringApplication application = new SpringApplication(MediaPurgeApplication.class);
		application.addInitializers(context -> context.getBeanFactory()
			.registerSingleton("benchmarkMongoCommands",
					(MongoClientSettingsBuilderCustomizer) settings -> settings.addCommandListener(commands)));
		System.gc();
		long heapBefore = LiveHeap.used();
		LiveHeap liveHeap = LiveHeap.watch(options.liveHeapMillis());
		if (options.cmsWrites() > 0) {
			servers.cmsStart(options.cmsWrites());
		}
		long cpuStart = ProcessCpu.nanos();
		long start = System.nanoTime();
		int exitCode;
		Timed s3 = Timed.NONE;
		Timed bootMongo = Timed.NONE;
		String chunkSize = "?";
		try {
			ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
			MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
			if (registry != null) {
				s3 = Timed.of(registry, S3ImageDeleter.REQUEST_DURATION);
				bootMongo = Timed.of(registry, BOOT_MONGO_TIMER);
			}
			chunkSize = context.getEnvironment().getProperty("media-purge.chunk-size", "?");
			exitCode = SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already logged the failure
			exitCode = ExitCodes.forStartupFailure(ex).code();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (ProcessCpu.nanos() - cpuStart) / 1e9;
		Map<String, String> cms = servers.cmsStop();
		long heapAfterGc = liveHeap.finish();
		Repository figures = Repository.read(repository);
		Map<String, String> stats = servers.stats();
		Map<String, String> end = servers.check();
		long liveObjects = Long.parseLong(end.get("live-objects"));
		long otherObjects = Long.parseLong(end.get("objects")) - liveObjects;
		long cmsDocuments = Long.parseLong(cms.get("cms-documents"));
		long cmsKeys = Long.parseLong(end.get("cms-keys"));
		// the CMS writer's documents are live, and the flagged documents' keys they show
		// are the only other objects left
		boolean cmsOk = cms.get("cms-failures").equals("0") && end.get("cms-documents-left").equals("" + cmsDocuments)
				&& end.get("cms-keys-kept").equals("" + cmsKeys);
		boolean ok = exitCode == 0 && end.get("flagged").equals("0")
				&& end.get("live").equals("" + (data.l() + cmsDocuments)) && liveObjects == data.l()
				&& otherObjects == cmsKeys && cmsOk;
		System.out.printf(
				"round %d job:     seeded in %.1f s; ran in %.2f s, exit code %d; flagged documents left %s, live "
						+ "left %s; images of live documents kept %d of %d (%d shared); other objects left %d: %s%n",
				round, seeding, seconds, exitCode, end.get("flagged"), end.get("live"), liveObjects, data.l(),
				data.sharedLiveKeys(), otherObjects, ok ? "OK" : "FAILED");
		if (options.cmsWrites() > 0) {
			System.out.printf(
					"%sCMS writer: %d documents written during the run (%s failed writes%s), %d of them left live; "
							+ "keys of flagged documents they show: %d, kept %s: %s%n",
					INDENT, cmsDocuments, cms.get("cms-failures"),
					cms.get("cms-failures").equals("0") ? "" : ", last " + cms.get("cms-last-failure"),
					Long.parseLong(end.get("cms-documents-left")), cmsKeys, end.get("cms-keys-kept"),
					cmsOk ? "OK" : "FAILED");
			if (cmsKeys == 0) {
				System.out.printf("%s(the writer showed no key of a flagged document: each content type needs more "
						+ "than %d flagged documents)%n", INDENT, CmsWriter.AHEAD);
			}
		}
		System.out.printf("%sjob execution %.2f s (start-up and shut-down %.2f s); steps:%s%n", INDENT,
				figures.execution(), seconds - figures.execution(), figures.stepsText());
		System.out.printf(
				"%s%s; chunks (commit counts) %d (media-purge.chunk-size %s); DeleteObjects served by "
						+ "the S3 server: %s requests, %s keys%n",
				INDENT, figures.summary(), figures.chunks(), chunkSize, end.get("delete-requests"),
				end.get("delete-keys"));
		System.out.printf("%sMongoDB: %d commands %s, %.2f s %s (Boot's own timer %s); S3: %s%n", INDENT,
				commands.total(), commands.counts(), commands.seconds(), commands.secondsByPurpose(), bootMongo,
				(s3 == Timed.NONE) ? "n/a (no timer " + S3ImageDeleter.REQUEST_DURATION + ")" : s3);
		System.out.printf(
				"%sheap: %d MB in use before the run; largest heap left after a GC during the run %d MB "
						+ "(%d MB above the start)%s%n",
				INDENT, heapBefore >> 20, heapAfterGc >> 20, (heapAfterGc - heapBefore) >> 20,
				(options.liveHeapMillis() == 0) ? ""
						: String.format("; live heap after the forced GCs: largest %d MB, median %d MB",
								liveHeap.mostLive() >> 20, liveHeap.medianLive() >> 20));
		System.out.printf("%sCPU time of this JVM during the run: %.2f s, %.3f s per 1,000 image URLs%n", INDENT,
				cpuSeconds, cpuSeconds * 1000 / data.flaggedImages());
		System.out.printf(
				"%sS3 server: %s SlowDown answers; keys deleted per second %s (first minute %s, over %s "
						+ "seconds); documents blocked %d%n",
				INDENT, stats.get("slowdowns"), stats.get("keys-per-second"), stats.get("keys-per-second-first-minute"),
				stats.get("delete-seconds"), figures.blocked());
		commands.printByPurpose(stats, INDENT);
		return new JobRun(seconds, ok, figures.execution(), figures.steps(), figures.chunks(), figures.s3Requests(),
				commands.counts(), commands.seconds(), s3.seconds(), heapBefore >> 20, heapAfterGc >> 20, cpuSeconds,
				figures.blocked(), stats);
	}

	/** The timers of one name, summed: {@link #NONE} when there is none. */
	private record Timed(String name, long count, double seconds) {

		static final Timed NONE = new Timed("none", 0, Double.NaN);

		static Timed of(MeterRegistry registry, String name) {
			Collection<Timer> timers = registry.find(name).timers();
			if (timers.isEmpty()) {
				return NONE;
			}
			return new Timed(name, timers.stream().mapToLong(Timer::count).sum(),
					timers.stream().mapToDouble(timer -> timer.totalTime(TimeUnit.SECONDS)).sum());
		}

		@Override
		public String toString() {
			return (this == NONE) ? "none" : String.format("%s: %d timed, %.2f s", this.name, this.count, this.seconds);
		}

	}

	/** What the job repository says about the run. */
	private record Repository(double execution, Map<String, Double> steps, long chunks, long s3Requests, String summary,
			String stepsText, long blocked) {

		static Repository read(String url) {
			try (Connection connection = DriverManager.getConnection(url, "sa", "");
					Statement statement = connection.createStatement()) {
				double execution = Double.NaN;
				try (ResultSet rs = statement.executeQuery("SELECT START_TIME, END_TIME FROM BATCH_JOB_EXECUTION")) {
					while (rs.next()) {
						execution = between(rs, 1, 2);
					}
				}
				Map<String, Double> steps = new LinkedHashMap<>();
				StringBuilder stepsText = new StringBuilder();
				long chunks = 0;
				try (ResultSet rs = statement.executeQuery("SELECT STEP_NAME, START_TIME, END_TIME, COMMIT_COUNT, "
						+ "WRITE_COUNT FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID")) {
					while (rs.next()) {
						steps.put(rs.getString(1), between(rs, 2, 3));
						chunks += rs.getLong(4);
						stepsText.append(stepsText.isEmpty() ? " " : "; ")
							.append(String.format("%s %.2f s (%d documents, %d chunks)", rs.getString(1),
									between(rs, 2, 3), rs.getLong(5), rs.getLong(4)));
					}
				}
				long requests = 0;
				long blocked = 0;
				String summary = "no run summary";
				try (ResultSet rs = statement.executeQuery("SELECT SUM(DOCUMENTS_PURGED), SUM(IMAGES_DELETED), "
						+ "SUM(IMAGES_SHARED), SUM(S3_REQUESTS), SUM(DOCUMENTS_BLOCKED) FROM PURGE_STEP_SUMMARY")) {
					if (rs.next()) {
						requests = rs.getLong(4);
						blocked = rs.getLong(5);
						summary = String.format("run summary: purged %d, images deleted %d, shared %d, S3 requests %d",
								rs.getLong(1), rs.getLong(2), rs.getLong(3), requests);
					}
				}
				// frees the in-memory database (and its audit rows) before the next round
				statement.execute("SHUTDOWN");
				return new Repository(execution, steps, chunks, requests, summary, stepsText.toString(), blocked);
			}
			catch (SQLException ex) {
				System.out.println("(no figures from the job repository: " + ex.getMessage() + ")");
				return new Repository(Double.NaN, Map.of(), 0, 0, "no run summary", " n/a", -1);
			}
		}

		private static double between(ResultSet rs, int from, int to) throws SQLException {
			Timestamp start = rs.getTimestamp(from);
			Timestamp end = rs.getTimestamp(to);
			return (start == null || end == null) ? Double.NaN
					: Duration.between(start.toInstant(), end.toInstant()).toNanos() / 1e9;
		}

	}

}
