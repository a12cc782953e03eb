package io.mediapurge.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.mediapurge.MediaPurgeApplication;

/**
 * {@code java -jar media-purge.jar ...} as a real process of its own, in a working
 * directory of the test's choosing: the application's main class on the class path of the
 * packaged jar (this JVM's, without the test classes, so the jar's own logging
 * configuration applies), and no other setting than the arguments given.
 */
public final class JarProcess {

	private final Path directory;

	private final List<String> systemProperties;

	private JarProcess(Path directory, List<String> systemProperties) {
		this.directory = directory;
		this.systemProperties = systemProperties;
	}

	/**
	 * @param directory the working directory (where {@code ./data} and {@code jobs/} are
	 * looked for)
	 * @return processes started there
	 */
	public static JarProcess in(Path directory) {
		return new JarProcess(directory, List.of());
	}

	/**
	 * @param properties {@code -D} options
	 * @return processes started with them
	 */
	public JarProcess withSystemProperties(String... properties) {
		List<String> all = new ArrayList<>(this.systemProperties);
		all.addAll(List.of(properties));
		return new JarProcess(this.directory, all);
	}

	/**
	 * Starts the process; its standard output and error go to files of their own.
	 * @param arguments the command line
	 * @return the process
	 */
	public Started start(String... arguments) throws IOException {
		File out = File.createTempFile("media-purge-out-", ".txt");
		File err = File.createTempFile("media-purge-err-", ".txt");
		out.deleteOnExit();
		err.deleteOnExit();
		List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
				"-XX:TieredStopAtLevel=1", "-cp", jarClassPath(), "-Daws.accessKeyId=" + EmbeddedS3.ACCESS_KEY,
				"-Daws.secretAccessKey=" + EmbeddedS3.SECRET_KEY));
		command.addAll(this.systemProperties);
		command.add(MediaPurgeApplication.class.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectOutput(out)
			.redirectError(err)
			.start();
		return new Started(process, out.toPath(), err.toPath());
	}

	/**
	 * Runs the process to its end.
	 * @param arguments the command line
	 * @return how it ended
	 */
	public Ended run(String... arguments) throws Exception {
		return start(arguments).await(Duration.ofMinutes(3));
	}

	private static String jarClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * A process that runs.
	 *
	 * @param process the process
	 * @param outFile its standard output
	 * @param errFile its standard error
	 */
	public record Started(Process process, Path outFile, Path errFile) {

		public Ended await(Duration timeout) throws Exception {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("Still running after " + timeout + "; its output:\n" + out() + "\n" + err());
			}
			return new Ended(this.process.exitValue(), out(), err());
		}

		public String out() throws IOException {
			return Files.readString(this.outFile, StandardCharsets.UTF_8);
		}

		public String err() throws IOException {
			return Files.readString(this.errFile, StandardCharsets.UTF_8);
		}

		public void stop() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

	}

	/**
	 * A process that has ended.
	 *
	 * @param exitCode its exit code
	 * @param out what it printed on standard output
	 * @param err what it printed on standard error
	 */
	public record Ended(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout:\n" + this.out + "\n--- stderr:\n" + this.err;
		}

	}

}
