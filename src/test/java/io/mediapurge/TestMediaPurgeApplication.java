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
 * {@code dryRun=true}).
 */
public final class TestMediaPurgeApplication {

	private static final String JOB_REPOSITORY = "jdbc:h2:mem:media-purge;DB_CLOSE_DELAY=-1";

	private TestMediaPurgeApplication() {
	}

	public static void main(String[] args) throws Exception {
		int exitCode = run(args);
		// The sample data holds a malformed and a blocked document on purpose, so a real
		// run exits 3 (completed with issues); the demo itself succeeded unless the job
		// did not complete.
		System.out.println("Exit code of the run: " + exitCode + " (see README, Exit codes)");
		System.exit((exitCode == 0 || exitCode == 3) ? 0 : exitCode);
	}

	/**
	 * @param args the job's arguments
	 * @return the run's exit code
	 */
	static int run(String... args) throws Exception {
		try (EmbeddedMongo mongo = new EmbeddedMongo(); EmbeddedS3 s3 = new EmbeddedS3(SampleContent.BUCKET)) {
			SampleContent.seed(mongo, s3);
			List<String> arguments = new ArrayList<>(List.of(args));
			arguments.addAll(SampleContent.arguments(mongo, s3, JOB_REPOSITORY));
			int exitCode = MediaPurgeApplication.run(arguments.toArray(String[]::new));
			System.out.println();
			System.out.println("Objects left in the bucket, and why each was kept:");
			SampleContent.leftovers(mongo, s3, JOB_REPOSITORY, arguments.contains("dryRun=true"))
				.forEach((line) -> System.out.println("  " + line));
			return exitCode;
		}
	}

}
