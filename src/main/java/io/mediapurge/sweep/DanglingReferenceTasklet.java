package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * Whether the listing held a key is answered by the run's memory of the listed keys that
 * are not candidates, then, for a key it does not hold, by the plan's candidates in the
 * job repository (one query a batch of such keys), so the memory follows the keys the
 * documents show rather than the objects listed. An object uploaded after the listing
 * passed its key shows here as dangling until the next plan; a key the listed-keys filter
 * wrongly holds (about 0.1 %) is not reported.
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
		Suspects suspects = new Suspects(run.planId());
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
						check(run, spec, document, live, suspects);
					}
				}
			}
		}
		suspects.decide();
		run.danglingReferences(suspects.found);
		context.getStepContext().getStepExecution().getExecutionContext().putLong("danglingReferences", suspects.found);
		if (suspects.found > 0) {
			logger.warn("Plan {}: {} references to keys the bucket does not hold (broken images); see 'sweep show {}'",
					run.planId(), suspects.found, run.planId());
		}
		return RepeatStatus.FINISHED;
	}

	private void check(SweepRun run, ContentTypeSpec spec, Document document, boolean live, Suspects suspects) {
		for (String field : spec.topLevelImageFields()) {
			for (String url : spec.referencedStrings(new Document(field, document.get(field)))) {
				if (!(this.resolver.resolve(url) instanceof OwnObject own)) {
					continue;
				}
				String key = own.key();
				if (run.prefixes().stream().noneMatch(key::startsWith) || run.mightHaveListed(key)) {
					continue;
				}
				suspects.add(new DanglingReference(spec.name(), spec.reportedId(document), field, url, key, live));
			}
		}
	}

	/**
	 * References to keys that memory says the listing did not hold: each is dangling
	 * unless its key is one of the plan's candidates (listed, but kept in the plan's
	 * records rather than in memory). Asked in batches, in the order found, so live
	 * documents stay first.
	 */
	private final class Suspects {

		private final long planId;

		private final List<DanglingReference> pending = new ArrayList<>();

		private long found;

		Suspects(long planId) {
			this.planId = planId;
		}

		void add(DanglingReference reference) {
			this.pending.add(reference);
			if (this.pending.size() >= BATCH) {
				decide();
			}
		}

		void decide() {
			Set<String> keys = new LinkedHashSet<>();
			this.pending.forEach(reference -> keys.add(reference.key()));
			Set<String> listed = DanglingReferenceTasklet.this.records.candidateKeys(this.planId, keys);
			List<DanglingReference> recorded = new ArrayList<>();
			for (DanglingReference reference : this.pending) {
				if (listed.contains(reference.key())) {
					continue;
				}
				this.found++;
				if (this.found <= DanglingReferenceTasklet.this.maxRecorded) {
					recorded.add(reference);
				}
			}
			DanglingReferenceTasklet.this.records.addDangling(this.planId, recorded);
			this.pending.clear();
		}

	}

}
