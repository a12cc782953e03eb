package io.mediapurge.purge;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * Stops a run that would delete far more than usual before its first step, for example
 * after a CMS bug flagged every document. Computed once per execution, before any step,
 * from one count per content type: the documents due (flagged, not quarantined,
 * {@code deleted_at} before the cutoff) and the size of the collection. The guard trips
 * when the due total is at least {@link GuardProperties#minDocuments()} and either
 * exceeds {@link GuardProperties#maxDocuments()} or a content type's due documents exceed
 * {@link GuardProperties#maxShare()} of its collection. A tripped run ends FAILED with
 * the exit code {@value #EXIT_CODE} and a description naming the counts; nothing is
 * deleted.
 *
 * <p>
 * An operator confirms a run with the identifying job parameter
 * {@value MediaPurgeJobParameters#CONFIRM_DELETE_COUNT} equal to the due total; any other
 * value refuses. A restart of an execution the guard let through goes on while the due
 * total is at most the confirmed count (the first attempt purged some). Dry runs delete
 * nothing and are never refused.
 */
class BlastRadiusGuard implements JobExecutionListener {

	/** The exit code of an execution the guard refused. */
	static final String EXIT_CODE = "GUARD_TRIPPED";

	private static final Logger logger = LoggerFactory.getLogger(BlastRadiusGuard.class);

	private final ContentCatalogue catalogue;

	private final MongoOperations mongo;

	private final JobRepository jobRepository;

	private final GuardProperties properties;

	private final PurgeProgressListener progress;

	BlastRadiusGuard(ContentCatalogue catalogue, MongoOperations mongo, JobRepository jobRepository,
			GuardProperties properties, PurgeProgressListener progress) {
		this.catalogue = catalogue;
		this.mongo = mongo;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.progress = progress;
	}

	/** Due documents and collection size of one content type. */
	record Count(long due, long size) {

		double share() {
			return (this.size == 0) ? 0 : (double) this.due / this.size;
		}

	}

	@Override
	public void beforeJob(JobExecution execution) {
		MediaPurgeJobParameters parameters = MediaPurgeJobParameters.from(execution.getJobParameters());
		Map<String, Count> counts = count(parameters);
		long total = counts.values().stream().mapToLong(Count::due).sum();
		List<String> overShare = counts.entrySet()
			.stream()
			.filter(entry -> entry.getValue().share() > this.properties.maxShare())
			.map(Map.Entry::getKey)
			.toList();
		boolean tripped = total >= this.properties.minDocuments()
				&& (total > this.properties.maxDocuments() || !overShare.isEmpty());
		if (!tripped || parameters.dryRun()) {
			logger.info("Blast-radius guard: {} documents due ({}){}", total, describe(counts),
					tripped ? "; a real run would be refused" : "");
			return;
		}
		Long confirmed = execution.getJobParameters().getLong(MediaPurgeJobParameters.CONFIRM_DELETE_COUNT);
		if (confirmed != null && (confirmed == total || (passedBefore(execution) && total <= confirmed))) {
			logger.warn("Blast-radius guard: {} documents due ({}), confirmed with {}={}: purging", total,
					describe(counts), MediaPurgeJobParameters.CONFIRM_DELETE_COUNT, confirmed);
			return;
		}
		String why = (total > this.properties.maxDocuments())
				? "more than media-purge.guard.max-documents=" + this.properties.maxDocuments()
				: "more than media-purge.guard.max-share=" + this.properties.maxShare() + " of " + overShare;
		String message = "Blast-radius guard tripped: this run would purge " + total + " documents (" + describe(counts)
				+ "), " + why + ". Nothing was deleted. "
				+ ((confirmed != null) ? "The given " + MediaPurgeJobParameters.CONFIRM_DELETE_COUNT + "=" + confirmed
						+ " does not match. " : "")
				+ "If this is intended, launch again with " + MediaPurgeJobParameters.CONFIRM_DELETE_COUNT + "="
				+ total;
		logger.error(message);
		counts.forEach((contentType, count) -> {
			if (count.due() > 0) {
				this.progress.guardTripped(contentType, count.due(), count.size());
			}
		});
		throw new BlastRadiusGuardException(message, total);
	}

	@Override
	public void afterJob(JobExecution execution) {
		execution.getFailureExceptions()
			.stream()
			.filter(BlastRadiusGuardException.class::isInstance)
			.findFirst()
			.ifPresent(tripped -> execution.setExitStatus(new ExitStatus(EXIT_CODE, tripped.getMessage())));
	}

	/**
	 * Whether an earlier execution of the same job instance got past the guard: it ran a
	 * step (an execution the guard refused has none).
	 */
	private boolean passedBefore(JobExecution execution) {
		return this.catalogue.contentTypes()
			.stream()
			.anyMatch(spec -> this.jobRepository.getLastStepExecution(execution.getJobInstance(),
					MediaPurgeJobConfiguration.STEP_PREFIX + spec.name()) != null);
	}

	Map<String, Count> count(MediaPurgeJobParameters parameters) {
		Date cutoff = Date.from(parameters.cutoff());
		Map<String, Count> counts = new LinkedHashMap<>();
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			if (!parameters.includes(spec.name())) {
				continue;
			}
			MongoCollection<Document> collection = this.mongo.getCollection(spec.collection());
			long due = collection.countDocuments(Filters.and(Filters.eq(spec.flagField(), true),
					Filters.exists(PurgeFields.QUARANTINED_AT, false), Filters.lte(spec.deletedAtField(), cutoff)));
			counts.put(spec.name(), new Count(due, Math.max(due, collection.estimatedDocumentCount())));
		}
		return counts;
	}

	private static String describe(Map<String, Count> counts) {
		List<String> parts = new ArrayList<>();
		counts.forEach((contentType, count) -> parts
			.add((count.size() == 0) ? contentType + ": none" : contentType + ": " + count.due() + " of " + count.size()
					+ String.format(Locale.ROOT, " (%.1f%%)", 100 * count.share())));
		return String.join(", ", parts);
	}

}
