package io.mediapurge.operations.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.ChildJvm;
import io.mediapurge.support.CmsWorld;
import io.mediapurge.support.SlowS3;
import io.mediapurge.support.TestServers;

/**
 * SIGTERM to a one-shot run (what Kubernetes sends before killing a pod): a child JVM
 * runs the job against a slow S3 and receives SIGTERM while a chunk waits for its retry.
 * The chunk finishes, the execution ends STOPPED (restartable), the lease is released and
 * the process exits 4; nothing is half done. A restart then finishes the job exactly.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void sigtermLetsTheRunningChunkFinishAndLeavesARestartableStoppedExecution() throws Exception {
		try (ChildJvm world = new ChildJvm("sigterm")) {
			CmsWorld cms = new CmsWorld(world).seed();
			File log = File.createTempFile("sigterm-", ".log");
			log.deleteOnExit();
			Process child;
			long executionId;
			long signalled;
			try (SlowS3 slow = new SlowS3(TestServers.s3().faults())) {
				child = world.start(log, List.of(), "executions", "start", "contentTypes=gallery");
				try {
					long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
					while ((cms.galleries().size() - 2) > 10 && System.nanoTime() < deadline && child.isAlive()) {
						Thread.sleep(20);
					}
					// the child now sleeps in a retry's backoff in the middle of a chunk
					slow.awaitNextFailure(Duration.ofSeconds(10));
					executionId = world.runningExecution();
					signalled = System.nanoTime();
					child.destroy(); // SIGTERM
					assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
				}
				catch (Throwable ex) {
					child.destroyForcibly();
					throw new AssertionError("The child did not go as planned; its log:\n" + read(log), ex);
				}
			}
			String output = read(log);
			assertThat(child.exitValue()).as(output).isEqualTo(ExitCodes.STOPPED.code());
			assertThat(world.status(executionId)).isEqualTo("STOPPED");
			assertThat(world.leaseLive()).isFalse();
			assertThat(output).contains("Shutting down while a run is in progress");
			int left = cms.galleries().size() - 2;
			assertThat(left).isBetween(1, 9);
			// the running chunk finished: nothing half done
			assertThat(cms.claimed()).isZero();
			cms.assertNothingLost();

			assertThat(world.runHere("executions", "restart", String.valueOf(executionId)))
				.isEqualTo(ExitCodes.COMPLETED.code());
			cms.assertExactEndState();
			System.out.printf(
					"sigterm scenario: stopped %.1f s after SIGTERM with %d of 12 due galleries left, "
							+ "exit 4, restarted to the exact end state%n",
					(System.nanoTime() - signalled) / 1e9, left);
		}
	}

	private static String read(File log) throws Exception {
		return Files.readString(log.toPath(), StandardCharsets.UTF_8);
	}

}
