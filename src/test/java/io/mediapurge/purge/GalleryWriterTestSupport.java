package io.mediapurge.purge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import io.mediapurge.references.ReferenceIndexBuilder;
import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The gallery step's state, reader, processor and writer over the real servers, run one
 * after another by the test, so that the CMS (or a fault) can act between them.
 */
abstract class GalleryWriterTestSupport extends PurgeIntegrationTestSupport {

	@Autowired
	ContentCatalogue catalogue;

	@Autowired
	ImageUrlResolver resolver;

	@Autowired
	S3ImageDeleter deleter;

	@Autowired
	PurgeJournal journal;

	@Autowired
	PlatformTransactionManager transactions;

	ContentTypeSpec galleries;

	PurgeStepState state;

	StepExecution stepExecution;

	PurgeCandidateProcessor processor;

	@BeforeEach
	void gallerySteps() {
		this.galleries = this.catalogue.find("gallery").orElseThrow();
		this.state = new PurgeStepState(this.galleries,
				new ReferenceIndexBuilder(this.mongo, this.catalogue, this.resolver), this.journal, this.mongo);
		this.processor = new PurgeCandidateProcessor(this.galleries, this.resolver);
	}

	/** A writer of the gallery step with this journal and checkpoints hook. */
	PurgeItemWriter writer(PurgeJournal journal, PurgeCheckpoints checkpoints) {
		return new PurgeItemWriter(this.galleries, this.mongo, this.deleter, journal, this.state,
				new ReferenceCountCheck(this.state), checkpoints, 5, Clock.systemUTC(), null,
				ChunksInFlight.SYNCHRONOUS);
	}

	/** The gallery step up to the writer: its state, its reader and its processor. */
	List<PurgeCandidate> readAndProcess() throws Exception {
		MediaPurgeJobParameters parameters = new MediaPurgeJobParameters(Instant.now(), Duration.ofHours(24), false,
				Set.of());
		this.stepExecution = MetaDataInstanceFactory.createStepExecution(parameters.toJobParameters());
		this.state.beforeStep(this.stepExecution);
		FlaggedDocumentItemReader reader = new FlaggedDocumentItemReader(this.galleries, this.mongo, this.state, 10);
		reader.open(this.stepExecution.getExecutionContext());
		List<PurgeCandidate> candidates = new ArrayList<>();
		for (Document document = reader.read(); document != null; document = reader.read()) {
			candidates.add(this.processor.process(document));
		}
		reader.close();
		return candidates;
	}

	/** The CMS's restore as the README's contract writes it. */
	long restoreAsTheCms(String galleryId) {
		return this.mongo.getCollection("galleries")
			.updateOne(
					Filters.and(Filters.eq("gallery_id", galleryId), Filters.eq("is_deleted", true),
							Filters.exists(PurgeFields.CLAIMED_AT, false)),
					Updates.combine(Updates.set("is_deleted", false), Updates.unset("deleted_at")))
			.getModifiedCount();
	}

	/** The step's running summary, as the writer left it. */
	@SuppressWarnings("unchecked")
	PurgeSummary stepSummary() {
		Object map = this.stepExecution.getExecutionContext().get(PurgeSummary.CONTEXT_KEY);
		return (map == null) ? new PurgeSummary() : PurgeSummary.fromMap((java.util.Map<String, Object>) map);
	}

}
