package io.mediapurge.operations.plan;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/executions/{id}/plan} (JSON) and {@code GET
 * /api/executions/{id}/plan.csv} (CSV): the plan of a dry run; 404 with
 * {@code {"message"}} when the execution is unknown or not a dry run.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DryRunPlanController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final DryRunPlans plans;

	DryRunPlanController(DryRunPlans plans) {
		this.plans = plans;
	}

	@GetMapping("/api/executions/{id}/plan")
	ResponseEntity<DryRunPlan> plan(@PathVariable long id) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.plans.find(id));
	}

	@GetMapping("/api/executions/{id}/plan.csv")
	ResponseEntity<String> csv(@PathVariable long id) {
		String csv = DryRunPlanCsv.write(this.plans.find(id));
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("dry-run-plan-" + id + ".csv").build().toString())
			.body(csv);
	}

	@ExceptionHandler(PlanNotFoundException.class)
	ResponseEntity<Map<String, String>> notFound(PlanNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("message", ex.getMessage()));
	}

}
