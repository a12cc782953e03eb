package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.sweep.plan.DanglingReference;
import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * {@code sweep-dangling}: the documents that show a key of the swept prefixes that the
 * listing did not hold (broken images), live documents first, with content type, document
 * id, field and URL. A URL counts when it names exactly one key of our bucket
 * ({@link ImageUrlResolver#resolve}). Report only: no document is changed. Records at
 * most {@code max-dangling-references} of them, and counts them all.
 *
 * <p>
 * An object uploaded after the listing passed its key shows here as dangling until the
 * next plan; a key the listed-keys filter wrongly holds (about 0.1 %) is not reported.
 */
final class DanglingReferenceTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(DanglingReferenceTasklet.class);

	private static final int BATCH = 500;

	private final SweepRuns runs;

	private final MongoOperations mongo;

	private final ContentCatalogue catalogue;

	private final ImageUrlResolver resolver;

	private final SweepPlanRecords records;

	private final int maxRecorded;

	DanglingReferenceTasklet(SweepRuns runs, MongoOperations mongo, ContentCatalogue catalogue,
			ImageUrlResolver resolver, SweepPlanRecords records, int maxRecorded) {
		this.runs = runs;
		this.mongo = mongo;
		this.catalogue = catalogue;
		this.resolver = resolver;
		this.records = records;
		this.maxRecorded = maxRecorded;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
		SweepRun run = this.runs.of(PlanTasklets.execution(context).getId());
		List<DanglingReference> batch = new ArrayList<>();
		long[] found = new long[1];
		for (boolean live : new boolean[] { true, false }) {
			for (ContentTypeSpec spec : this.catalogue.contentTypes()) {
				Criteria state = live ? Criteria.where(spec.flagField()).ne(true)
						: Criteria.where(spec.flagField()).is(true);
				Query query = new Query(state);
				query.fields().include(spec.idField());
				spec.topLevelImageFields().forEach(field -> query.fields().include(field));
				query.cursorBatchSize(1000);
				try (var stream = this.mongo.stream(query, Document.class, spec.collection())) {
					for (Document document : (Iterable<Document>) stream::iterator) {
						check(run, spec, document, live, batch, found);
						if (batch.size() >= BATCH) {
							this.records.addDangling(run.planId(), batch);
							batch.clear();
						}
					}
				}
			}
		}
		this.records.addDangling(run.planId(), batch);
		run.danglingReferences(found[0]);
		context.getStepContext().getStepExecution().getExecutionContext().putLong("danglingReferences", found[0]);
		if (found[0] > 0) {
			logger.warn("Plan {}: {} references to keys the bucket does not hold (broken images); see 'sweep show {}'",
					run.planId(), found[0], run.planId());
		}
		return RepeatStatus.FINISHED;
	}

	private void check(SweepRun run, ContentTypeSpec spec, Document document, boolean live,
			List<DanglingReference> batch, long[] found) {
		for (String field : spec.topLevelImageFields()) {
			for (String url : spec.referencedStrings(new Document(field, document.get(field)))) {
				if (!(this.resolver.resolve(url) instanceof OwnObject own)) {
					continue;
				}
				String key = own.key();
				if (run.prefixes().stream().noneMatch(key::startsWith) || run.mightHaveListed(key)) {
					continue;
				}
				found[0]++;
				if (found[0] <= this.maxRecorded) {
					batch.add(new DanglingReference(spec.name(), spec.reportedId(document), field, url, key, live));
				}
			}
		}
	}

}
