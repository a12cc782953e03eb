package io.mediapurge.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.ChildJvm;
import io.mediapurge.support.CmsWorld;

/**
 * Crash and restart at named kill points. For each point a child JVM runs the job (chunks
 * of two galleries) with the point armed, prints a marker when it reaches it and blocks
 * there; this JVM then kills it with SIGKILL, checks that nothing is lost at that moment,
 * waits for its lease to expire, recovers the execution, restarts it and checks the exact
 * end state: every due gallery purged, every image of a purged gallery gone, the audit
 * log complete, nothing else touched. A point is armed for its second passage (one chunk
 * committed before) unless {@code @n} says otherwise.
 */
class KillPointCrashIntegrationTests {

	static final String MARKER = "MEDIA-PURGE-KILL-POINT-REACHED ";

	@ParameterizedTest(name = "killed at {0}")
	@ValueSource(strings = { "after-claim", "after-s3-delete", "after-audit", "after-hard-delete", "mid-chunk@3",
			"after-claim@1", "after-hard-delete@6" })
	void aRunKilledAtThePointIsRecoveredAndRestartedToTheExactEndState(String point) throws Exception {
		long began = System.nanoTime();
		String name = point.contains("@") ? point.substring(0, point.indexOf('@')) : point;
		try (ChildJvm world = new ChildJvm("crash_" + name)) {
			CmsWorld cms = new CmsWorld(world).seed();
			File log = File.createTempFile("crash-" + name + "-", ".log");
			log.deleteOnExit();
			Process child = world.start(log, List.of("-Dmedia-purge.test.kill-point=" + point), "executions", "start",
					"contentTypes=gallery");
			try {
				ChildJvm.awaitOutput(log, MARKER + name, Duration.ofSeconds(90), child);
			}
			finally {
				child.destroyForcibly();
				assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(child.exitValue()).isEqualTo(137);
			long executionId = world.runningExecution();
			int left = cms.galleries().size() - 2;
			long claimed = cms.claimed();
			cms.assertNothingLost();

			// recover once the dead child's lease has expired, then restart
			long deadline = System.nanoTime() + ChildJvm.LEASE.plusSeconds(5).toNanos();
			while (world.leaseLive() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(world.runHere("executions", "recover", String.valueOf(executionId)))
				.isEqualTo(ExitCodes.COMPLETED.code());
			assertThat(world.status(executionId)).isEqualTo("FAILED");
			assertThat(world.runHere("executions", "restart", String.valueOf(executionId)))
				.as("restart of execution " + executionId + " killed at " + point)
				.isEqualTo(ExitCodes.COMPLETED.code());

			cms.assertExactEndState();
			System.out.printf(
					"crash scenario %-20s killed with %2d of %d due galleries left (%d claimed); "
							+ "recovered and restarted: exact end state, %d documents and %d images checked, %.1f s%n",
					point, left, CmsWorld.DUE, claimed, CmsWorld.DUE + 2, cms.images(),
					(System.nanoTime() - began) / 1e9);
		}
	}

}
