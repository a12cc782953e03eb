package io.mediapurge;

import java.util.ArrayList;
import java.util.List;

import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.SampleContent;

/**
 * Runs media-purge on embedded defaults: an in-process MongoDB wire-protocol server and
 * S3 API server, seeded with sample content ({@link SampleContent}), and an in-memory H2
 * job repository; then says why each object left in the bucket was kept. Started by
 * {@code ./mvnw spring-boot:test-run}; arguments are passed on (e.g.
 * {@code dryRun=true}). Several commands separated by {@code ;} run one after the other
 * on the same servers and job repository (e.g.
 * {@code sweep plan ; sweep show 1 ; sweep apply 1}), each headed by its command line and
 * followed by its exit code.
 */
public final class TestMediaPurgeApplication {

	private static final String JOB_REPOSITORY = "jdbc:h2:mem:media-purge;DB_CLOSE_DELAY=-1";

	private TestMediaPurgeApplication() {
	}

	public static void main(String[] args) throws Exception {
		List<List<String>> commands = commands(args);
		int exitCode = run(args);
		if (commands.size() > 1) {
			// each command's exit code is printed; the demo itself succeeded
			System.exit(0);
		}
		// The sample data holds a malformed and a blocked document on purpose, so a real
		// run exits 3 (completed with issues); the demo itself succeeded unless the job
		// did not complete.
		System.out.println("Exit code of the run: " + exitCode + " (see README, Exit codes)");
		System.exit((exitCode == 0 || exitCode == 3) ? 0 : exitCode);
	}

	/**
	 * @param args the job's arguments, or several commands separated by {@code ;}
	 * @return the (last) command's exit code
	 */
	static int run(String... args) throws Exception {
		try (EmbeddedMongo mongo = new EmbeddedMongo(); EmbeddedS3 s3 = new EmbeddedS3(SampleContent.BUCKET)) {
			SampleContent.seed(mongo, s3);
			List<String> world = SampleContent.arguments(mongo, s3, JOB_REPOSITORY);
			List<List<String>> commands = commands(args);
			int exitCode = 0;
			boolean purged = false;
			for (List<String> command : commands) {
				if (commands.size() > 1) {
					System.out.println();
					System.out.println("media-purge> " + String.join(" ", command));
				}
				List<String> arguments = new ArrayList<>(command);
				arguments.addAll(world);
				exitCode = MediaPurgeApplication.run(arguments.toArray(String[]::new));
				if (commands.size() > 1) {
					System.out.println("exit code " + exitCode);
				}
				purged |= command.stream()
					.filter((argument) -> !argument.startsWith("--"))
					.findFirst()
					.map((first) -> !first.equals("sweep") && !first.equals("executions"))
					.orElse(true);
			}
			if (purged) {
				System.out.println();
				System.out.println("Objects left in the bucket, and why each was kept:");
				SampleContent.leftovers(mongo, s3, JOB_REPOSITORY, List.of(args).contains("dryRun=true"))
					.forEach((line) -> System.out.println("  " + line));
			}
			return exitCode;
		}
	}

	private static List<List<String>> commands(String... args) {
		List<List<String>> commands = new ArrayList<>();
		List<String> command = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals(";")) {
				commands.add(command);
				command = new ArrayList<>();
			}
			else {
				command.add(arg);
			}
		}
		commands.add(command);
		return commands;
	}

}
