package io.mediapurge.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's handle on its child JVM, {@link BenchmarkServers}: started with the
 * same {@code java} binary and class path as this JVM and its own maximum heap, spoken to
 * one command line at a time.
 */
final class ServersProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader replies;

	private final BufferedWriter commands;

	private final Map<String, String> ready;

	private final Thread killer;

	private ServersProcess(Process process) throws IOException {
		this.process = process;
		this.replies = process.inputReader(StandardCharsets.UTF_8);
		this.commands = process.outputWriter(StandardCharsets.UTF_8);
		// Ctrl-C or a failure in the benchmark: the child goes too (it also exits at the
		// end of its stdin and when this process ends)
		this.killer = new Thread(process::destroyForcibly, "benchmark-servers-killer");
		Runtime.getRuntime().addShutdownHook(this.killer);
		String line = this.replies.readLine();
		if (line == null || !line.startsWith("READY ")) {
			process.destroyForcibly();
			throw new IllegalStateException("the servers' JVM did not start: " + line);
		}
		this.ready = fields(line);
	}

	static ServersProcess start(BenchmarkData data, String maxHeap) throws IOException {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
				BenchmarkServers.class.getName(), Integer.toString(data.n()), Integer.toString(data.m()),
				Integer.toString(data.l()), data.freshIds() ? "fresh" : "aged");
		return new ServersProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
	}

	long pid() {
		return this.process.pid();
	}

	String mongoUri() {
		return this.ready.get("mongo");
	}

	URI s3Endpoint() {
		return URI.create(this.ready.get("s3"));
	}

	/** The JDBC URL of a fresh in-memory H2 database on the child's TCP server. */
	String h2Url(String database) {
		return this.ready.get("h2") + database + ";DB_CLOSE_DELAY=-1";
	}

	/** Drops and re-inserts every document, empties and refills the bucket. */
	Map<String, String> seed() {
		return call("SEED");
	}

	/** Empties and refills the bucket. */
	Map<String, String> seedS3() {
		return call("SEED-S3");
	}

	/**
	 * Starts the CMS writer ({@link CmsWriter}) in the child: until {@link #cmsStop()} or
	 * the next seed, it inserts documents at this rate.
	 */
	Map<String, String> cmsStart(int perSecond) {
		return call("CMS-START " + perSecond);
	}

	/**
	 * Stops the CMS writer: {@code cms-documents} it wrote, {@code cms-keys} of flagged
	 * documents they show, {@code cms-failures} of its writes.
	 */
	Map<String, String> cmsStop() {
		return call("CMS-STOP");
	}

	/**
	 * The end state: {@code flagged}, {@code live}, {@code objects},
	 * {@code live-objects}, {@code delete-requests} and {@code delete-keys}
	 * (DeleteObjects requests served since the last seed, and their keys); after a CMS
	 * writer ran, {@code cms-documents-left} (of its documents, still live) and
	 * {@code cms-keys-kept} (of the flagged documents' keys they show, still in the
	 * bucket) beside {@code cms-keys}.
	 */
	Map<String, String> check() {
		return call("CHECK");
	}

	/**
	 * Seeds the orphan sweep's data set ({@link SweepStores#seed}) and starts counting
	 * afresh.
	 */
	Map<String, String> sweepSeed(SweepData data) {
		return call("SWEEP-SEED " + sweepSizes(data));
	}

	/** The bucket after a sweep, by kind of key ({@link SweepStores#check}). */
	Map<String, String> sweepCheck(SweepData data) {
		return call("SWEEP-CHECK " + sweepSizes(data));
	}

	private static String sweepSizes(SweepData data) {
		return data.objects() + " " + data.documents() + " " + data.orphanPercent();
	}

	/** Sets the network profile the servers answer with. */
	Map<String, String> network(NetworkProfile profile) {
		return call(profile.command());
	}

	/**
	 * What the servers counted since the last seed: {@code slowdowns},
	 * {@code keys-per-second}, {@code keys-per-second-first-minute},
	 * {@code delete-seconds}, {@code delete-span-seconds}, {@code list-requests}, and
	 * {@code mongo.<purpose>} = {@code commands/examined/indexed} and
	 * {@code mongo-handler.<purpose>} = {@code wall/cpu} milliseconds in the server.
	 */
	Map<String, String> stats() {
		return call("STATS");
	}

	private synchronized Map<String, String> call(String command) {
		try {
			this.commands.write(command);
			this.commands.newLine();
			this.commands.flush();
			String reply = this.replies.readLine();
			if (reply == null) {
				throw new IllegalStateException("the servers' JVM ended during " + command);
			}
			if (!reply.startsWith("OK")) {
				throw new IllegalStateException(command + " failed in the servers' JVM: " + reply);
			}
			return fields(reply);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, String> fields(String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String token : line.split(" ")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				fields.put(token.substring(0, equals), token.substring(equals + 1));
			}
		}
		return fields;
	}

	/** Asks the child to quit, waits for it, and kills it if it does not go. */
	@Override
	public void close() throws InterruptedException {
		try {
			this.commands.write("QUIT");
			this.commands.newLine();
			this.commands.close();
		}
		catch (IOException ex) {
			// already gone
		}
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		System.out.printf("servers' JVM (pid %d) exited with code %d%n", this.process.pid(), this.process.exitValue());
		try {
			Runtime.getRuntime().removeShutdownHook(this.killer);
		}
		catch (IllegalStateException ex) {
			// shutting down already
		}
	}

}
