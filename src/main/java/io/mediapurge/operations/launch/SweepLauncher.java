package io.mediapurge.operations.launch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import io.mediapurge.operations.lease.HeldLease;
import io.mediapurge.operations.lease.JobLease;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;
import io.mediapurge.sweep.SweepJobParameters;
import io.mediapurge.sweep.inventory.InventoryLocation;
import io.mediapurge.sweep.inventory.InventoryManifestReader;
import io.mediapurge.sweep.inventory.InventoryRefusedException;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * Starts the orphan sweep's plans and applies under the purge's lease (so a sweep never
 * runs beside a purge or another sweep, in any process sharing the job repository) and
 * one run at a time per process, as {@link PurgeLauncher} does for the purge.
 *
 * <p>
 * A plan lists {@code media-purge.s3.key-prefixes}, or the prefixes given, each of which
 * must lie under a configured one; with no prefix configured or given it is refused
 * ({@link InvalidLaunchArgumentsException}, exit code 2). A plan may read an S3 Inventory
 * instead of listing the bucket: its manifest is read and checked before the plan starts
 * ({@link InventoryRefusedException}, exit code 2). An apply is refused
 * ({@link OperationRefusedException}) unless its plan is READY; the job's claim step
 * checks it again atomically, so two applies of one plan never both run.
 */
public class SweepLauncher {

	private static final String JOB = OrphanSweepJobConfiguration.JOB_NAME;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final SweepPlans plans;

	private final List<String> keyPrefixes;

	private final Duration defaultMinAge;

	private final Clock clock;

	private final JobLease lease;

	private final LocalRuns local;

	private final StopRequests stops;

	private final InventoryManifestReader inventoryManifests;

	SweepLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, SweepPlans plans,
			List<String> keyPrefixes, Duration defaultMinAge, Clock clock, JobLease lease, LocalRuns local,
			StopRequests stops, InventoryManifestReader inventoryManifests) {
		this.inventoryManifests = inventoryManifests;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.plans = plans;
		this.keyPrefixes = List.copyOf(keyPrefixes);
		this.defaultMinAge = defaultMinAge;
		this.clock = clock;
		this.lease = lease;
		this.local = local;
		this.stops = stops;
	}

	/**
	 * Makes a plan and waits for it.
	 * @param prefixes the prefixes to list, empty for {@code media-purge.s3.key-prefixes}
	 * @param minAge the minimum age of a candidate, {@code null} for the configured one
	 * @return the ended execution; the plan's id is its job instance id
	 */
	public JobExecution plan(List<String> prefixes, @Nullable Duration minAge) {
		return plan(prefixes, minAge, null);
	}

	/**
	 * Makes a plan and waits for it.
	 * @param prefixes the prefixes to list, empty for {@code media-purge.s3.key-prefixes}
	 * @param minAge the minimum age of a candidate, {@code null} for the configured one
	 * @param inventory the location of an S3 Inventory manifest
	 * ({@code s3://<bucket>/<key>/manifest.json}) to read instead of listing the bucket,
	 * {@code null} to list it
	 * @return the ended execution; the plan's id is its job instance id
	 * @throws InventoryRefusedException when the inventory must not be used (nothing ran)
	 */
	public JobExecution plan(List<String> prefixes, @Nullable Duration minAge, @Nullable String inventory) {
		return startPlan(prefixes, minAge, inventory).await();
	}

	/**
	 * Starts a plan on a background thread.
	 * @return the new execution's id
	 */
	public long planInBackground(List<String> prefixes, @Nullable Duration minAge) {
		return planInBackground(prefixes, minAge, null);
	}

	/**
	 * Starts a plan on a background thread, from an inventory if one is given.
	 * @return the new execution's id
	 * @throws InventoryRefusedException when the inventory must not be used
	 */
	public long planInBackground(List<String> prefixes, @Nullable Duration minAge, @Nullable String inventory) {
		return startPlan(prefixes, minAge, inventory).executionId();
	}

	/**
	 * @param executionId an execution of the sweep
	 * @return the plan it makes or applies
	 */
	public long planIdOf(long executionId) {
		JobExecution execution = ExecutionRules.execution(this.jobRepository, executionId);
		Long planId = execution.getJobParameters().getLong(SweepJobParameters.PLAN_ID);
		return (planId != null) ? planId : execution.getJobInstance().getInstanceId();
	}

	/**
	 * Applies a plan and waits for it.
	 * @throws io.mediapurge.sweep.plan.SweepPlanNotFoundException for an unknown plan
	 * @throws OperationRefusedException when the plan is not READY (applied, being
	 * applied, or not finished) or the lease is held
	 */
	public JobExecution apply(long planId) {
		return startApply(planId).await();
	}

	/**
	 * Starts an apply on a background thread.
	 * @return the new execution's id
	 */
	public long applyInBackground(long planId) {
		return startApply(planId).executionId();
	}

	/**
	 * Restarts a FAILED or STOPPED execution of the sweep (a plan is made again; an apply
	 * goes on with the keys it has not decided) and waits for it.
	 */
	public JobExecution restart(long executionId) {
		JobExecution execution = ExecutionRules.execution(this.jobRepository, executionId);
		if (!execution.getJobInstance().getJobName().equals(JOB)) {
			throw new ExecutionNotFoundException(executionId);
		}
		ExecutionRules.requireRestartable(this.jobRepository, execution);
		String refusal = "Refusing to restart execution " + executionId;
		HeldLease held = ExecutionRules.takeLease(this.lease, refusal);
		try {
			JobExecution again = ExecutionRules.requireRestartable(this.jobRepository,
					ExecutionRules.execution(this.jobRepository, executionId));
			long before = this.jobRepository.getJobExecutions(again.getJobInstance())
				.stream()
				.mapToLong(JobExecution::getId)
				.max()
				.orElse(executionId);
			return track(new LeasedRun(held, "restart of execution " + executionId, refusal,
					() -> this.jobOperator.restart(again), () -> {
						JobExecution last = this.jobRepository.getLastJobExecution(again.getJobInstance());
						return (last != null && last.getId() > before) ? last : null;
					}, this::stopAfterLostLease))
				.await();
		}
		catch (RuntimeException ex) {
			held.close();
			throw ex;
		}
	}

	/**
	 * @param prefixes the prefixes asked for, empty for the configured ones
	 * @return the prefixes a plan lists: none nested in another
	 * @throws InvalidLaunchArgumentsException when there is none, or one is outside the
	 * configured key prefixes
	 */
	public List<String> prefixes(List<String> prefixes) {
		List<String> asked = prefixes.isEmpty() ? this.keyPrefixes : prefixes;
		if (asked.isEmpty()) {
			throw new InvalidLaunchArgumentsException("A sweep needs key prefixes: none is configured "
					+ "(media-purge.s3.key-prefixes) and none was given (prefixes=a/,b/); a sweep never lists the "
					+ "whole bucket");
		}
		List<String> kept = new ArrayList<>();
		for (String prefix : asked.stream().distinct().sorted().toList()) {
			if (prefix.isBlank() || prefix.contains(",")) {
				throw new InvalidLaunchArgumentsException(
						"A sweep prefix must not be blank or hold a comma, got '" + prefix + "'");
			}
			if (!this.keyPrefixes.isEmpty() && this.keyPrefixes.stream().noneMatch(prefix::startsWith)) {
				throw new InvalidLaunchArgumentsException(
						"Prefix '" + prefix + "' is outside media-purge.s3.key-prefixes " + this.keyPrefixes);
			}
			if (kept.stream().noneMatch(prefix::startsWith)) {
				kept.add(prefix);
			}
		}
		return kept;
	}

	private LeasedRun startPlan(List<String> prefixes, @Nullable Duration minAge, @Nullable String inventory) {
		Duration age = (minAge != null) ? minAge : this.defaultMinAge;
		if (age.isNegative()) {
			throw new InvalidLaunchArgumentsException("minAge must not be negative, got " + age);
		}
		List<String> listed = prefixes(prefixes);
		String location = null;
		if (inventory != null) {
			// refused before anything runs; the plan's first step reads it again
			location = this.inventoryManifests.read(InventoryLocation.parse(inventory)).location().toString();
		}
		JobParameters parameters = SweepJobParameters.plan(this.clock.instant(), listed, age, location);
		return launch(parameters, "Refusing to start a sweep plan");
	}

	private LeasedRun startApply(long planId) {
		requireReady(this.plans.get(planId));
		String refusal = "Refusing to apply sweep plan " + planId;
		return launch(SweepJobParameters.apply(this.clock.instant(), planId), refusal);
	}

	private static void requireReady(SweepPlan plan) {
		String why = switch (plan.status()) {
			case READY -> null;
			case PLANNING -> "its plan run has not completed (restart it, or make a new plan)";
			case APPLYING -> "execution " + plan.applyExecutionId() + " is applying it, or was interrupted: "
					+ "restart that execution to finish it";
			case APPLIED -> "it was applied by execution " + plan.applyExecutionId() + " at " + plan.appliedAt()
					+ "; an apply cannot run twice: make a new plan";
		};
		if (why != null) {
			throw new OperationRefusedException("Plan " + plan.planId() + " is " + plan.status() + ": " + why);
		}
	}

	private LeasedRun launch(JobParameters parameters, String refusal) {
		HeldLease held = ExecutionRules.takeLease(this.lease, refusal);
		return track(new LeasedRun(held, "run of " + JOB, refusal, () -> this.jobOperator.start(this.job, parameters),
				() -> this.jobRepository.getLastJobExecution(JOB, parameters), this::stopAfterLostLease));
	}

	private void stopAfterLostLease(long executionId) {
		this.stops.request(executionId);
	}

	private LeasedRun track(LeasedRun run) {
		this.local.add(run);
		return run;
	}

}
