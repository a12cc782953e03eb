package io.mediapurge.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mediapurge.imagestore.S3ImageDeleter;

/**
 * A table of figures, one row per round and a last row of medians; {@code NaN} prints as
 * n/a and is left out of the medians.
 */
final class ResultTable {

	/**
	 * @param header the column's title
	 * @param decimals digits after the point
	 * @param suffix printed after each value, e.g. {@code x} for ratios
	 * @param separated whether a {@code |} comes before the column
	 */
	private record Column(String header, int decimals, String suffix, boolean separated) {

		int width() {
			return Math.max(this.header.length(), 8);
		}

	}

	private final List<Column> columns = new ArrayList<>();

	private final List<double[]> rows = new ArrayList<>();

	ResultTable column(String header, int decimals) {
		return column(header, decimals, "", false);
	}

	ResultTable column(String header, int decimals, String suffix, boolean separated) {
		this.columns.add(new Column(header, decimals, suffix, separated));
		return this;
	}

	void row(double... values) {
		this.rows.add(values);
	}

	void print() {
		StringBuilder header = new StringBuilder("round ");
		this.columns.forEach(column -> header.append(column.separated() ? "| " : "")
			.append(String.format("%" + column.width() + "s ", column.header())));
		System.out.println(header.toString().stripTrailing());
		for (int r = 0; r < this.rows.size(); r++) {
			System.out.println(line(String.format("%-5d ", r + 1), this.rows.get(r)));
		}
		double[] medians = new double[this.columns.size()];
		for (int c = 0; c < medians.length; c++) {
			int column = c;
			medians[c] = median(this.rows.stream().mapToDouble(row -> row[column]).toArray());
		}
		System.out.println(line("median", medians));
	}

	private String line(String label, double[] values) {
		StringBuilder line = new StringBuilder(label);
		for (int c = 0; c < this.columns.size(); c++) {
			Column column = this.columns.get(c);
			String value = Double.isNaN(values[c]) ? "n/a"
					: String.format("%." + column.decimals() + "f", values[c]) + column.suffix();
			line.append(column.separated() ? "| " : "").append(String.format("%" + column.width() + "s ", value));
		}
		return line.toString().stripTrailing();
	}

	private static double perChunk(long count, JobRun run) {
		return (run.chunks() > 0) ? (double) count / run.chunks() : Double.NaN;
	}

	static double median(double[] values) {
		double[] sorted = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Prints the throughput table, the job's breakdown and its MongoDB commands per
	 * chunk.
	 * @param naive the naive runs, {@code null} when the job ran alone
	 * @param ceiling the ceiling runs, {@code null} when the job ran alone
	 */
	static void print(BenchmarkData data, Baselines.Run[] naive, Baselines.Run[] ceiling, JobRun[] job) {
		double images = data.flaggedImages();
		boolean baselines = naive != null;
		ResultTable throughput = new ResultTable();
		if (baselines) {
			throughput.column("naive s", 2, "", true)
				.column("docs/s", 0)
				.column("images/s", 0)
				.column("req/1k", 2)
				.column("ceiling s", 2, "", true)
				.column("images/s", 0)
				.column("req/1k", 2);
		}
		throughput.column("job s", 2, "", true).column("docs/s", 0).column("images/s", 0).column("req/1k", 2);
		if (baselines) {
			throughput.column("job/naive", 2, "x", true).column("job/ceiling", 2, "x", false);
		}
		for (int r = 0; r < job.length; r++) {
			double[] jobRow = { job[r].seconds(), data.n() / job[r].seconds(), images / job[r].seconds(),
					1000.0 * job[r].s3Requests() / images };
			if (!baselines) {
				throughput.row(jobRow);
				continue;
			}
			double[] row = { naive[r].seconds(), data.n() / naive[r].seconds(), images / naive[r].seconds(),
					1000.0 * naive[r].requests() / images, ceiling[r].seconds(), images / ceiling[r].seconds(),
					1000.0 * ceiling[r].requests() / images, jobRow[0], jobRow[1], jobRow[2], jobRow[3],
					naive[r].seconds() / job[r].seconds(), ceiling[r].seconds() / job[r].seconds() };
			throughput.row(row);
		}
		System.out.println();
		throughput.print();
		System.out.printf("docs/s counts the %d flagged documents and images/s their %d image URLs (the same "
				+ "denominators for all, so the ratios are ratios of wall time); req/1k is S3 requests per 1,000 of "
				+ "those URLs. Job seconds include Spring start-up and shut-down.%n", data.n(), data.flaggedImages());
		printBreakdown(data, job);
		printServers(job);
		printCommands(job);
	}

	private static void printServers(JobRun[] job) {
		ResultTable servers = new ResultTable().column("SlowDowns", 0, "", true)
			.column("keys/s", 0)
			.column("keys/s 1st min", 0)
			.column("blocked", 0, "", true)
			.column("examined here", 0, "", true)
			.column("indexed", 0);
		for (JobRun run : job) {
			long[] examined = new long[2];
			run.servers().forEach((name, value) -> {
				if (name.startsWith("mongo.")) {
					String[] counts = value.split("/");
					examined[0] += Long.parseLong(counts[1]);
					examined[1] += Long.parseLong(counts[2]);
				}
			});
			servers.row(run.stat("slowdowns"), run.stat("keys-per-second"), run.stat("keys-per-second-first-minute"),
					run.blocked(), examined[0], examined[1]);
		}
		System.out.println();
		servers.print();
		System.out.println("What the servers saw of the job: SlowDowns are the S3 server's 503 answers; keys/s the "
				+ "keys deleted per second from the first delete to the last (1st min: over the first 60 s of "
				+ "deletes); blocked the documents the job blocked (run summary); examined here the documents the "
				+ "in-process MongoDB server checked against a filter, indexed what a MongoDB with the job's indexes "
				+ "would examine (see each round's lines for the split by purpose).");
	}

	private static void printBreakdown(BenchmarkData data, JobRun[] job) {
		ResultTable breakdown = new ResultTable().column("exec s", 2, "", true)
			.column("MongoDB s", 2, "", true)
			.column("S3 s", 2)
			.column("own s", 2)
			.column("cmds/chunk", 2, "", true)
			.column("chunks", 0)
			.column("heap MB", 0, "", true)
			.column("CPU s", 2, "", true)
			.column("CPU ms/1k img", 1);
		for (JobRun run : job) {
			breakdown.row(run.executionSeconds(), run.mongoSeconds(), run.s3Seconds(), run.ownSeconds(),
					perChunk(run.commands()
						.entrySet()
						.stream()
						.filter(entry -> MongoCommands.PER_CHUNK.contains(entry.getKey()))
						.mapToLong(Map.Entry::getValue)
						.sum(), run),
					run.chunks(), run.heapAfterGcMb(), run.cpuSeconds(), run.cpuSeconds() * 1e6 / data.flaggedImages());
		}
		System.out.println();
		breakdown.print();
		System.out.println("exec s is the job execution (BATCH_JOB_EXECUTION end - start), without start-up and "
				+ "shut-down. MongoDB s is the time the job's MongoDB client waited for answers (every command it "
				+ "sent, start-up included); S3 s the S3 request timer (" + S3ImageDeleter.REQUEST_DURATION
				+ ", every DeleteObjects request); own = " + "exec - MongoDB - S3"
				+ ". Steps that run in parallel overlap their MongoDB and S3 time, which can make own come out low "
				+ "or negative. cmds/chunk counts the chunk's own commands (see below). chunks is the sum of the steps' COMMIT_COUNT. heap MB is the largest heap left "
				+ "after a GC during the job's run; the benchmark's JVM holds only the job then (the servers run in "
				+ "a child JVM). CPU s is the process CPU time of the benchmark's JVM from the job's start-up to its "
				+ "shut-down (all its threads, garbage collection and JIT included), CPU ms/1k img that per 1,000 image "
				+ "URLs.");
	}

	private static void printCommands(JobRun[] job) {
		Set<String> names = new TreeSet<>();
		Arrays.stream(job).forEach(run -> names.addAll(run.commands().keySet()));
		ResultTable perChunk = new ResultTable();
		names.forEach(name -> perChunk.column(name, 2));
		perChunk.column("chunk's", 2, "", true);
		perChunk.column("total", 2, "", true);
		for (JobRun run : job) {
			double[] row = new double[names.size() + 2];
			int c = 0;
			long chunkCommands = 0;
			for (String name : names) {
				long count = run.commands().getOrDefault(name, 0L);
				row[c++] = perChunk(count, run);
				chunkCommands += MongoCommands.PER_CHUNK.contains(name) ? count : 0;
			}
			row[c++] = perChunk(chunkCommands, run);
			row[c] = perChunk(run.mongoCommands(), run);
			perChunk.row(row);
		}
		System.out.println();
		System.out.println("MongoDB commands per chunk, by what they do (each count divided by the chunks). "
				+ "chunk's = " + String.join(" + ", new TreeSet<>(MongoCommands.PER_CHUNK))
				+ ", the commands every chunk sends; total adds the catch-ups of the references (a find per content "
				+ "type before each chunk's deletes, and a getMore per 1,000 documents written within the clock "
				+ "skew: all of the benchmark's documents while their ObjectIds are that recent) and what steps and "
				+ "the run send once (the reference index's two passes, the guard's aggregate, counts, listIndexes), "
				+ "spread over the chunks:");
		perChunk.print();
	}

}
