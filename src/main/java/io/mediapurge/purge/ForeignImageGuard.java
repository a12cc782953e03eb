package io.mediapurge.purge;

import java.util.Date;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageReference;
import io.mediapurge.imagestore.ImageUrlResolver;

/**
 * Refuses to purge a content type whose due images are (nearly) all outside the bucket:
 * URLs of another host or of another bucket on an S3 host. That is what a misspelt bucket
 * name, a wrong endpoint or a CMS moved to a new bucket looks like, and purging would
 * hard-delete every record while its images stay in a bucket the job does not know.
 *
 * <p>
 * Before the step reads anything, it resolves the image URLs of the first
 * {@value #SAMPLE} due documents; when at least one URL is foreign and the foreign share
 * reaches {@link GuardProperties#foreignImageRatio()} (default 1.0: all of them), the
 * step fails (exit code 5) with a message naming the counts, and nothing of the content
 * type is claimed or deleted. A dry run only warns. An installation whose content type
 * really keeps all its images elsewhere sets the ratio above 1 to turn the rule off.
 */
class ForeignImageGuard implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(ForeignImageGuard.class);

	/** Due documents looked at, at most. */
	static final int SAMPLE = 10_000;

	private final ContentTypeSpec spec;

	private final MongoOperations mongo;

	private final ImageUrlResolver resolver;

	private final double ratio;

	ForeignImageGuard(ContentTypeSpec spec, MongoOperations mongo, ImageUrlResolver resolver, double ratio) {
		this.spec = spec;
		this.mongo = mongo;
		this.resolver = resolver;
		this.ratio = ratio;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		MediaPurgeJobParameters parameters = MediaPurgeJobParameters.from(stepExecution.getJobParameters());
		if (!parameters.includes(this.spec.name()) || this.ratio > 1.0) {
			return;
		}
		long own = 0;
		long external = 0;
		long otherBucket = 0;
		for (Document document : this.mongo.getCollection(this.spec.collection())
			.find(Filters.and(Filters.eq(this.spec.flagField(), true),
					Filters.exists(PurgeFields.QUARANTINED_AT, false),
					Filters.lte(this.spec.deletedAtField(), Date.from(parameters.cutoff()))))
			.limit(SAMPLE)) {
			for (String url : urls(document)) {
				ImageReference reference = this.resolver.resolve(url);
				if (reference instanceof ImageReference.OwnObject) {
					own++;
				}
				else if (reference instanceof ImageReference.OtherBucket) {
					otherBucket++;
				}
				else if (reference instanceof ImageReference.External) {
					external++;
				}
			}
		}
		long foreign = external + otherBucket;
		if (foreign == 0 || (double) foreign / (own + foreign) < this.ratio) {
			return;
		}
		String message = "Foreign-image guard: " + foreign + " of the " + (own + foreign) + " image URLs of due "
				+ this.spec.name() + " documents are not of this bucket (" + external + " of other hosts, "
				+ otherBucket + " of other buckets), at least media-purge.guard.foreign-image-ratio=" + this.ratio
				+ ". Purging would delete these records and leave their images behind. Check media-purge.s3.bucket, "
				+ "endpoint and public-base-urls; nothing of " + this.spec.name() + " was deleted.";
		if (parameters.dryRun()) {
			logger.warn("{} (dry run: a real run would fail this step)", message);
			return;
		}
		throw new ForeignImagesException(message);
	}

	private Iterable<String> urls(Document document) {
		try {
			return this.spec.imageUrls(document);
		}
		catch (RuntimeException ex) {
			// a malformed document is the reader's to skip and record
			return java.util.List.of();
		}
	}

	/** The guard refused a content type's step before anything of it changed. */
	static class ForeignImagesException extends RuntimeException {

		ForeignImagesException(String message) {
			super(message);
		}

	}

}
