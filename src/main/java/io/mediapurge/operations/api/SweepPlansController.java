package io.mediapurge.operations.api;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mediapurge.operations.api.ApiMessages.Problem;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.operations.plan.SweepPlanCsv;
import io.mediapurge.sweep.inventory.InventoryRefusedException;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.DanglingReference;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlanNotFoundException;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The orphan sweep's plans over HTTP: read by viewers and operators, made and applied by
 * operators ({@code POST}, with the CSRF header, as every {@code POST} of the API).
 * <ul>
 * <li>{@code GET /api/sweep/plans?limit=20}: the latest plans with totals per prefix and
 * reclaimable bytes</li>
 * <li>{@code GET /api/sweep/plans/{id}}: one plan, its apply's outcomes and counts</li>
 * <li>{@code GET /api/sweep/plans/{id}/orphans?offset=0&limit=100} and
 * {@code .../dangling?...}: candidates and dangling references, paged</li>
 * <li>{@code GET /api/sweep/plans/{id}/issues?offset=0&limit=100}: the keys its apply
 * kept or failed, with the reasons, paged</li>
 * <li>{@code GET /api/sweep/plans/{id}/orphans.csv}: every candidate</li>
 * <li>{@code POST /api/sweep/plans?prefixes=a/,b/&minAge=P7D}: makes a plan (202), from
 * an S3 Inventory with {@code &inventory=s3://<bucket>/<path>/manifest.json} (400 when
 * the inventory is refused)</li>
 * <li>{@code POST /api/sweep/plans/{id}/apply}: applies it (202; 409 when applied or
 * being applied, or the lease is held)</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/sweep/plans", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = Type.SERVLET)
class SweepPlansController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final SweepPlans plans;

	private final SweepLauncher launcher;

	SweepPlansController(SweepPlans plans, SweepLauncher launcher) {
		this.plans = plans;
		this.launcher = launcher;
	}

	/**
	 * One plan with what its apply did.
	 *
	 * @param plan the plan and its totals per prefix
	 * @param orphanObjects candidates over every prefix
	 * @param reclaimableBytes their bytes
	 * @param danglingRecorded dangling references recorded
	 * @param outcomes keys its apply decided, by outcome
	 */
	record PlanAnswer(SweepPlan plan, long orphanObjects, long reclaimableBytes, long danglingRecorded,
			Map<ApplyOutcome, Long> outcomes) {
	}

	/**
	 * @param executionId the execution that makes or applies the plan
	 * @param planId the plan
	 * @param message for a person
	 */
	record Started(long executionId, long planId, String message) {
	}

	/**
	 * @param total how many there are
	 * @param items this page
	 */
	record Page<T>(long total, List<T> items) {
	}

	@GetMapping
	List<PlanAnswer> list(@RequestParam(defaultValue = "20") int limit) {
		return this.plans.recent(range("limit", limit, 1, 500)).stream().map(this::answer).toList();
	}

	@GetMapping("/{id}")
	PlanAnswer show(@PathVariable long id) {
		return answer(this.plans.get(id));
	}

	@GetMapping("/{id}/orphans")
	Page<PlannedObject> orphans(@PathVariable long id, @RequestParam(defaultValue = "0") long offset,
			@RequestParam(defaultValue = "100") int limit) {
		this.plans.get(id);
		return new Page<>(this.plans.objectCount(id),
				this.plans.objects(id, Math.max(0, offset), range("limit", limit, 1, 1000)));
	}

	@GetMapping("/{id}/issues")
	Page<PlannedObject> issues(@PathVariable long id, @RequestParam(defaultValue = "0") long offset,
			@RequestParam(defaultValue = "100") int limit) {
		this.plans.get(id);
		return new Page<>(this.plans.issueCount(id),
				this.plans.issues(id, Math.max(0, offset), range("limit", limit, 1, 1000)));
	}

	@GetMapping("/{id}/dangling")
	Page<DanglingReference> dangling(@PathVariable long id, @RequestParam(defaultValue = "0") long offset,
			@RequestParam(defaultValue = "100") int limit) {
		this.plans.get(id);
		return new Page<>(this.plans.danglingCount(id),
				this.plans.dangling(id, Math.max(0, offset), range("limit", limit, 1, 1000)));
	}

	@GetMapping(path = "/{id}/orphans.csv", produces = "text/csv")
	ResponseEntity<String> csv(@PathVariable long id) {
		this.plans.get(id);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			SweepPlanCsv.write(this.plans, id, out);
		}
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("sweep-plan-" + id + ".csv").build().toString())
			.body(bytes.toString(StandardCharsets.UTF_8));
	}

	@PostMapping
	ResponseEntity<Started> plan(@RequestParam(required = false) @Nullable String prefixes,
			@RequestParam(required = false) @Nullable String minAge,
			@RequestParam(required = false) @Nullable String inventory) {
		List<String> asked = (prefixes != null) ? Arrays.asList(prefixes.split(",", -1)) : List.of();
		if (asked.stream().anyMatch(String::isBlank)) {
			throw new BadRequestException("prefixes names an empty prefix; a sweep never lists the whole bucket");
		}
		Duration age = null;
		if (minAge != null) {
			try {
				age = Duration.parse(minAge);
			}
			catch (DateTimeParseException ex) {
				throw new BadRequestException("minAge must be an ISO-8601 duration such as P7D, got '" + minAge + "'");
			}
		}
		long executionId;
		try {
			executionId = this.launcher.planInBackground(asked, age, inventory);
		}
		catch (InventoryRefusedException ex) {
			throw new BadRequestException(String.valueOf(ex.getMessage()));
		}
		long planId = this.launcher.planIdOf(executionId);
		return ResponseEntity.accepted()
			.location(URI.create("/api/sweep/plans/" + planId))
			.body(new Started(executionId, planId,
					"Planning " + planId + " (execution " + executionId + "): nothing will be deleted"));
	}

	@PostMapping("/{id}/apply")
	ResponseEntity<Started> apply(@PathVariable long id) {
		long executionId = this.launcher.applyInBackground(id);
		return ResponseEntity.accepted()
			.location(URI.create("/api/sweep/plans/" + id))
			.body(new Started(executionId, id, "Applying plan " + id + " (execution " + executionId
					+ "): only its keys still unreferenced and unchanged are deleted"));
	}

	@ExceptionHandler
	ResponseEntity<Problem> notFound(SweepPlanNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new Problem(ex.getMessage()));
	}

	private PlanAnswer answer(SweepPlan plan) {
		return new PlanAnswer(plan, plan.orphanObjects(), plan.reclaimableBytes(),
				this.plans.danglingCount(plan.planId()), this.plans.outcomes(plan.planId()));
	}

	private static int range(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new BadRequestException(name + " must be between " + min + " and " + max + ", got " + value);
		}
		return value;
	}

}
