package io.mediapurge.purge.indexes;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.data.mongodb.core.MongoOperations;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * Checks, when a run starts, that the indexes the job's queries need exist on each
 * content type's collection ({@link RequiredIndex#of}). A missing one is named in a
 * warning with the exact command that creates it, and created only when
 * {@code media-purge.mongo.ensure-indexes} is {@code true} and the run is not a dry run
 * (a dry run changes nothing: it names the indexes a real run would create). A missing index never fails
 * the run (it only makes the reader scan the collection), and neither does a failure of
 * the check itself.
 */
public class MongoIndexCheck implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(MongoIndexCheck.class);

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final boolean ensure;

	public MongoIndexCheck(MongoOperations mongo, ContentCatalogue catalogue, boolean ensure) {
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.ensure = ensure;
	}

	/**
	 * The job parameter that makes a run a dry run (the purge job's {@code dryRun}),
	 * read by name: this package sits below the job's.
	 */
	static final String DRY_RUN_PARAMETER = "dryRun";

	@Override
	public void beforeJob(JobExecution jobExecution) {
		// a dry run changes nothing, indexes included: it only names what is missing
		check(!Boolean.parseBoolean(jobExecution.getJobParameters().getString(DRY_RUN_PARAMETER)));
	}

	/**
	 * Checks every collection of the catalogue, creating the missing indexes if asked.
	 * @return the indexes still missing afterwards
	 */
	public List<RequiredIndex> check() {
		return check(true);
	}

	/**
	 * Checks every collection of the catalogue.
	 * @param mayCreate whether this run may create the missing indexes (when asked to):
	 * never in a dry run
	 * @return the indexes still missing afterwards
	 */
	public List<RequiredIndex> check(boolean mayCreate) {
		List<RequiredIndex> missing = new ArrayList<>();
		for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
			for (RequiredIndex index : RequiredIndex.of(spec)) {
				try {
					if (!exists(index) && !create(index, mayCreate)) {
						missing.add(index);
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Could not check the index of collection {} for {}: {}", index.collection(),
							index.purpose(), ex.toString());
				}
			}
		}
		return missing;
	}

	private boolean exists(RequiredIndex index) {
		MongoCollection<Document> collection = this.mongo.getCollection(index.collection());
		try {
			for (Document existing : collection.listIndexes()) {
				if (existing.get("key") instanceof Document key && index.isServedBy(key)) {
					return true;
				}
			}
		}
		catch (MongoCommandException ex) {
			if (ex.getErrorCode() != 26) { // NamespaceNotFound: no collection yet
				throw ex;
			}
		}
		return false;
	}

	private boolean create(RequiredIndex index, boolean mayCreate) {
		if (this.ensure && !mayCreate) {
			logger.warn("Collection {} has no index for {}. A dry run creates nothing: a real run with "
					+ "media-purge.mongo.ensure-indexes=true will create it: {}", index.collection(), index.purpose(),
					index.createCommand());
			return false;
		}
		if (!this.ensure) {
			logger.warn(
					"Collection {} has no index for {}, so a real MongoDB scans the whole collection for it. Create it "
							+ "(or set media-purge.mongo.ensure-indexes=true to let the job do so): {}",
					index.collection(), index.purpose(), index.createCommand());
			return false;
		}
		long started = System.nanoTime();
		this.mongo.getCollection(index.collection()).createIndex(index.keys(), new IndexOptions().name(index.name()));
		logger.info("Created index {} on collection {} for {} in {} ms ({})", index.name(), index.collection(),
				index.purpose(), (System.nanoTime() - started) / 1_000_000, index.createCommand());
		return true;
	}

}
