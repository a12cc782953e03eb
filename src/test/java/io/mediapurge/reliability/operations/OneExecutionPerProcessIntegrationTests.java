package io.mediapurge.reliability.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.cli.ExitCodes;

/**
 * One execution at a time in a process, whatever the job repository and the lease say. A
 * run of the OTT releases is held after its only chunk has done all its writes; its lease
 * then lapses (a stalled heartbeat) and another process, which cannot see the run's
 * thread, recovers it: the repository now says FAILED and the lease is free. In this
 * process, where the run's thread still runs, recover, restart, abandon and a new start
 * are refused (409, exit code 6) naming that execution; nothing else starts, and the
 * run's own results are what they would have been alone.
 */
class OneExecutionPerProcessIntegrationTests extends OperationsSafetyTestSupport {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Test
	void aSecondExecutionIsRefusedWhileTheFirstOnesThreadStillRunsHere() throws Exception {
		seed();
		long executionsBefore = executions();
		this.gate.holdAfterFirstChunk("ott-release");
		HttpResponse<String> started = post("/api/executions", OPERATOR,
				"{\"dryRun\": false, \"contentTypes\": [\"ott-release\"]}");
		long first = json(started).get("id").asLong();
		this.gate.awaitHeld(Duration.ofSeconds(30));
		lapseTheLease();

		HttpResponse<String> recoverHere = post("/api/executions/" + first + "/recover", OPERATOR, null);
		assertThat(recoverHere.statusCode()).isEqualTo(409);
		assertThat(json(recoverHere).get("message").asString())
			.contains("execution " + first + " is still running in this process");
		commandLine("executions", "recover", Long.toString(first)).assertExitCode(ExitCodes.REFUSED.code());

		// another process, after the lease has lapsed, recovers it: FAILED
		JobExecution recovered = this.jobOperator.recover(this.jobRepository.getJobExecution(first));
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(actions(first)).isEmpty();

		Map<String, String> launches = Map.of("/api/executions/" + first + "/restart", "", "/api/executions",
				"{\"dryRun\": true}", "/api/executions/" + first + "/abandon", "");
		launches.forEach((path, body) -> {
			HttpResponse<String> refused = post(path, OPERATOR, body.isEmpty() ? null : body);
			assertThat(refused.statusCode()).as(path).isEqualTo(409);
			assertThat(json(refused).get("message").asString()).as(path)
				.contains("execution " + first + " is still running in this process");
		});
		CommandLineRun start = commandLine("executions", "start", "dryRun=true")
			.assertExitCode(ExitCodes.REFUSED.code());
		assertThat(start.err()).contains("execution " + first + " is still running in this process");
		commandLine("executions", "restart", Long.toString(first)).assertExitCode(ExitCodes.REFUSED.code());
		assertThat(executions()).isEqualTo(executionsBefore + 1);

		this.gate.release();
		await().atMost(Duration.ofSeconds(60)).until(() -> !actions(first).isEmpty());

		// the run finished its work as it would have alone; the recover's FAILED stands
		assertThat(show(first).get("status").asString()).isEqualTo("FAILED");
		assertThat(this.jdbc.queryForObject("SELECT documents_purged FROM purge_step_summary "
				+ "WHERE job_execution_id = ? AND content_type = 'ott-release'", Long.class, first))
			.isOne();
		assertThat(documents()).containsExactly("a1", "a2", "g1", "g2", "live", "t1");
		assertThat(this.s3.keys()).containsExactlyInAnyOrderElementsOf(keysWithout("releases/o1.jpg"));
		assertThat(keysSentToS3()).containsExactly("releases/o1.jpg");
		assertThat(this.jdbc.queryForList("SELECT image_key FROM purge_deleted_image", String.class))
			.containsExactly("releases/o1.jpg");
		assertThat(executions()).isEqualTo(executionsBefore + 1);
		// once its thread has ended, the process launches again
		assertThat(this.launcher.run(true, Set.of("gallery")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	/** What a heartbeat stalled longer than the lease's time to live leaves behind. */
	private void lapseTheLease() {
		assertThat(this.jdbc.update("UPDATE purge_job_lease SET expires_at = acquired_at")).isOne();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.control.currentLease().map((l) -> !l.live()).orElse(false));
	}

	private long executions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);
	}

}
