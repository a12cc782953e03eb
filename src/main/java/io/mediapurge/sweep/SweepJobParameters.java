package io.mediapurge.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one launch of {@code orphanSweepJob}, all identifying: a plan
 * ({@code action=plan}, its prefixes and minimum age, and the LastModified after which an
 * object is young, and the S3 Inventory read instead of listing the bucket, if any) or
 * the apply of one plan ({@code action=apply}, {@code planId}). Every launch is a new job
 * instance ({@code launchedAt}).
 */
public final class SweepJobParameters {

	public static final String ACTION = "action";

	public static final String LAUNCHED_AT = "launchedAt";

	public static final String PREFIXES = "prefixes";

	public static final String MIN_AGE = "minAge";

	public static final String LISTED_BEFORE = "listedBefore";

	public static final String PLAN_ID = "planId";

	/**
	 * The {@code s3://} location of the inventory manifest a plan reads instead of
	 * listing.
	 */
	public static final String INVENTORY = "inventory";

	public static final String PLAN = "plan";

	public static final String APPLY = "apply";

	private SweepJobParameters() {
	}

	public static JobParameters plan(Instant launchedAt, List<String> prefixes, Duration minAge) {
		return plan(launchedAt, prefixes, minAge, null);
	}

	/**
	 * @param inventory the location of an inventory manifest to read instead of listing
	 * the bucket, {@code null} to list it
	 */
	public static JobParameters plan(Instant launchedAt, List<String> prefixes, Duration minAge,
			@Nullable String inventory) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(ACTION, PLAN)
			.addString(LAUNCHED_AT, launchedAt.toString())
			.addString(PREFIXES, String.join(",", prefixes))
			.addString(MIN_AGE, minAge.toString())
			.addString(LISTED_BEFORE, launchedAt.minus(minAge).toString());
		if (inventory != null) {
			builder.addString(INVENTORY, inventory);
		}
		return builder.toJobParameters();
	}

	public static JobParameters apply(Instant launchedAt, long planId) {
		return new JobParametersBuilder().addString(ACTION, APPLY)
			.addString(LAUNCHED_AT, launchedAt.toString())
			.addLong(PLAN_ID, planId)
			.toJobParameters();
	}

	static String required(JobParameters parameters, String name) {
		String value = parameters.getString(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Job parameter " + name + " is required, got " + parameters);
		}
		return value;
	}

	static List<String> prefixes(JobParameters parameters) {
		List<String> prefixes = List.of(required(parameters, PREFIXES).split(","));
		if (prefixes.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("Job parameter prefixes names an empty prefix: " + parameters);
		}
		return prefixes;
	}

	static long planId(JobParameters parameters) {
		@Nullable Long planId = parameters.getLong(PLAN_ID);
		if (planId == null) {
			throw new IllegalArgumentException("Job parameter planId is required, got " + parameters);
		}
		return planId;
	}

}
