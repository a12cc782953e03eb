package io.mediapurge.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one launch of {@code mediaPurgeJob}. All are identifying, so each
 * launch is a new job instance ({@code launchedAt} makes it unique) and none can be
 * dropped on the way.
 *
 * @param launchedAt when the run was asked for; documents soft-deleted before
 * {@code launchedAt - gracePeriod} are purged, also when the run is restarted later
 * @param gracePeriod the grace period in force at launch
 * @param dryRun report what would be deleted and delete nothing
 * @param contentTypes the content types to purge; empty means all
 */
public record MediaPurgeJobParameters(Instant launchedAt, Duration gracePeriod, boolean dryRun,
		Set<String> contentTypes) {

	public static final String LAUNCHED_AT = "launchedAt";

	public static final String GRACE_PERIOD = "gracePeriod";

	public static final String DRY_RUN = "dryRun";

	public static final String CONTENT_TYPES = "contentTypes";

	/**
	 * Optional identifying parameter: the due total an operator confirms when the
	 * blast-radius guard refused a run.
	 */
	public static final String CONFIRM_DELETE_COUNT = "confirmDeleteCount";

	public MediaPurgeJobParameters {
		contentTypes = Set.copyOf(contentTypes);
	}

	public Instant cutoff() {
		return this.launchedAt.minus(this.gracePeriod);
	}

	public boolean includes(String contentType) {
		return this.contentTypes.isEmpty() || this.contentTypes.contains(contentType);
	}

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(LAUNCHED_AT, this.launchedAt.toString())
			.addString(GRACE_PERIOD, this.gracePeriod.toString())
			.addString(DRY_RUN, Boolean.toString(this.dryRun))
			.addString(CONTENT_TYPES, String.join(",", this.contentTypes.stream().sorted().toList()))
			.toJobParameters();
	}

	/**
	 * @param parameters job parameters made by {@link #toJobParameters()}
	 * @return the parsed parameters
	 * @throws IllegalArgumentException when one is missing or malformed
	 */
	public static MediaPurgeJobParameters from(JobParameters parameters) {
		String launchedAt = parameters.getString(LAUNCHED_AT);
		String gracePeriod = parameters.getString(GRACE_PERIOD);
		String dryRun = parameters.getString(DRY_RUN);
		String contentTypes = parameters.getString(CONTENT_TYPES);
		if (launchedAt == null || gracePeriod == null || dryRun == null) {
			throw new IllegalArgumentException("Job parameters " + LAUNCHED_AT + ", " + GRACE_PERIOD + " and " + DRY_RUN
					+ " are required, got " + parameters);
		}
		if (!dryRun.equals("true") && !dryRun.equals("false")) {
			throw new IllegalArgumentException("Job parameter dryRun must be true or false, got '" + dryRun + "'");
		}
		try {
			return new MediaPurgeJobParameters(Instant.parse(launchedAt), Duration.parse(gracePeriod),
					Boolean.parseBoolean(dryRun), parseContentTypes(contentTypes));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Malformed job parameter: " + ex.getMessage(), ex);
		}
	}

	public static Set<String> parseContentTypes(String list) {
		Set<String> names = new LinkedHashSet<>();
		if (list != null) {
			Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
		}
		return names;
	}

}
