package io.mediapurge.operations.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mediapurge.operations.api.ApiMessages.ActionResult;
import io.mediapurge.operations.api.ApiMessages.ExecutionAnswer;
import io.mediapurge.operations.api.ApiMessages.LaunchRequest;
import io.mediapurge.operations.api.ApiMessages.Launched;
import io.mediapurge.operations.api.ApiMessages.Me;
import io.mediapurge.operations.executions.ExecutionDetail;
import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.executions.ExecutionSummary;
import io.mediapurge.operations.executions.JobExecutionRow;
import io.mediapurge.operations.executions.TrendPoint;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.ExecutionNotFoundException;
import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.operations.metrics.S3Pressure;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * The HTTP API of the long-running mode: read the job repository (viewer and operator)
 * and act on executions (operator). See the README for every endpoint.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = Type.SERVLET)
class ExecutionsController {

	private final ExecutionQueries queries;

	private final PurgeLauncher launcher;

	private final ExecutionControl control;

	private final S3Pressure s3;

	ExecutionsController(ExecutionQueries queries, PurgeLauncher launcher, ExecutionControl control, S3Pressure s3) {
		this.queries = queries;
		this.launcher = launcher;
		this.control = control;
		this.s3 = s3;
	}

	@GetMapping("/executions")
	List<ExecutionSummary> list(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new BadRequestException("limit must be between 1 and 500, got " + limit);
		}
		return this.queries.recent(limit);
	}

	/**
	 * The orphan sweep's latest executions, newest first: each plan made and each apply,
	 * with its plan (the dashboard lists them beside the purge's runs).
	 */
	@GetMapping("/sweep/executions")
	List<JobExecutionRow> sweepExecutions(@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 500) {
			throw new BadRequestException("limit must be between 1 and 500, got " + limit);
		}
		return this.queries.recentOfJobs(Set.of(OrphanSweepJobConfiguration.JOB_NAME), limit);
	}

	@GetMapping("/executions/{id}")
	ExecutionAnswer show(@PathVariable long id) {
		ExecutionDetail detail = this.queries.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
		return new ExecutionAnswer(detail, this.control.actions(id),
				this.launcher.localRuns().runsHere(id) ? this.s3.now() : null);
	}

	@GetMapping("/trend")
	List<TrendPoint> trend(@RequestParam(defaultValue = "30") int days) {
		if (days < 1 || days > 366) {
			throw new BadRequestException("days must be between 1 and 366, got " + days);
		}
		return this.queries.trend(days);
	}

	@GetMapping("/me")
	Me me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.sorted()
			.toList();
		return new Me(authentication.getName(), roles, roles.contains("OPERATOR"));
	}

	@PostMapping("/executions")
	ResponseEntity<Launched> start(HttpServletRequest http) throws IOException {
		// read strictly, never through the lenient application-wide mapper: see the
		// reader
		LaunchRequest request = LaunchRequestReader.read(http);
		Set<String> contentTypes = new LinkedHashSet<>();
		for (String contentType : (request.contentTypes() != null) ? request.contentTypes() : List.<String>of()) {
			if (contentType == null || contentType.isBlank()) {
				throw new BadRequestException("contentTypes must not contain empty names");
			}
			contentTypes.add(contentType.strip());
		}
		boolean dryRun = request.dryRun();
		long id = this.launcher.startInBackground(dryRun, contentTypes);
		String message = "Started " + (dryRun ? "dry run" : "run") + " " + id + " of "
				+ (contentTypes.isEmpty() ? "every content type" : "content types " + String.join(", ", contentTypes))
				+ (dryRun ? ": nothing will be deleted" : "");
		return ResponseEntity.accepted().location(URI.create("/api/executions/" + id)).body(new Launched(id, message));
	}

	@PostMapping("/executions/{id}/restart")
	ResponseEntity<ActionResult> restart(@PathVariable long id) {
		long restarted = this.launcher.restartInBackground(existing(id));
		String status = this.queries.find(restarted).map((detail) -> detail.execution().status()).orElse("STARTING");
		return ResponseEntity.accepted()
			.location(URI.create("/api/executions/" + restarted))
			.body(new ActionResult(restarted, status, "Restarted execution " + id + " as execution " + restarted
					+ ": the content types it did not finish run again"));
	}

	@PostMapping("/executions/{id}/stop")
	ActionResult stop(@PathVariable long id) {
		JobExecution execution = this.control.stop(existing(id));
		return new ActionResult(id, execution.getStatus().name(),
				"Asked execution " + id + " to stop: it is " + execution.getStatus()
						+ " until its current chunk has ended, then STOPPED; "
						+ "restart or abandon it once it is STOPPED");
	}

	@PostMapping("/executions/{id}/recover")
	ActionResult recover(@PathVariable long id) {
		JobExecution execution = this.control.recover(existing(id));
		return new ActionResult(id, execution.getStatus().name(),
				"Recovered execution " + id + ": it is now " + execution.getStatus() + " and can be restarted");
	}

	@PostMapping("/executions/{id}/abandon")
	ActionResult abandon(@PathVariable long id) {
		JobExecution execution = this.control.abandon(existing(id));
		return new ActionResult(id, execution.getStatus().name(),
				"Abandoned execution " + id + ": it will never be restarted");
	}

	/** Answers 404 for an unknown id before the launcher looks it up. */
	private long existing(long id) {
		if (!this.queries.exists(id)) {
			throw new ExecutionNotFoundException(id);
		}
		return id;
	}

}
