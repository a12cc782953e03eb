package io.mediapurge.purge;

import java.util.Date;

import org.bson.Document;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.data.MongoCursorItemReader;
import org.springframework.batch.infrastructure.item.data.builder.MongoCursorItemReaderBuilder;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * Reads the documents of one content type that are due for purging, with one cursor
 * sorted by {@code _id} (never skip/limit paging, which would skip documents as the
 * writer deletes them).
 *
 * <p>
 * Due means: flagged, not quarantined, and soft-deleted before the cutoff. Documents
 * whose {@code deleted_at} is not a date are read too, so that the processor skips them
 * with a reason instead of ignoring them silently. The reader keeps no restart state: the
 * flag is the process indicator, so a restarted step simply reads what is still flagged.
 */
class FlaggedDocumentItemReader implements ItemStreamReader<Document> {

	private final ContentTypeSpec spec;

	private final MongoOperations mongo;

	private final PurgeStepState state;

	private final int batchSize;

	private MongoCursorItemReader<Document> delegate;

	FlaggedDocumentItemReader(ContentTypeSpec spec, MongoOperations mongo, PurgeStepState state, int batchSize) {
		this.spec = spec;
		this.mongo = mongo;
		this.state = state;
		this.batchSize = batchSize;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (!this.state.selected()) {
			this.delegate = null;
			return;
		}
		this.delegate = new MongoCursorItemReaderBuilder<Document>().name("flagged-" + this.spec.name())
			.template(this.mongo)
			.collection(this.spec.collection())
			.targetType(Document.class)
			.query(query(Date.from(this.state.cutoff())))
			.saveState(false)
			.build();
		this.delegate.open(executionContext);
	}

	Query query(Date cutoff) {
		Query query = new Query(Criteria.where(this.spec.flagField())
			.is(true)
			.and(PurgeFields.QUARANTINED_AT)
			.exists(false)
			.orOperator(Criteria.where(this.spec.deletedAtField()).lte(cutoff),
					Criteria.where(this.spec.deletedAtField()).not().type(9)));
		query.fields()
			.include("_id", this.spec.idField(), this.spec.deletedAtField(), PurgeFields.ATTEMPTS)
			.include(this.spec.topLevelImageFields().toArray(String[]::new));
		// with query(Query) the reader takes sort and batch size from the query itself
		return query.with(Sort.by(Sort.Direction.ASC, "_id")).cursorBatchSize(this.batchSize);
	}

	@Override
	public Document read() throws Exception {
		return (this.delegate != null) ? this.delegate.read() : null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.delegate != null) {
			this.delegate.update(executionContext);
		}
	}

	@Override
	public void close() {
		if (this.delegate != null) {
			this.delegate.close();
			this.delegate = null;
		}
	}

}
