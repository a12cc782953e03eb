package io.mediapurge.purge;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.MalformedDocumentException;
import io.mediapurge.imagestore.ImageReference;
import io.mediapurge.imagestore.ImageUrlResolver;

/**
 * Turns a soft-deleted document into a {@link PurgeCandidate}: checks the soft-delete
 * fields, reads its image URLs strictly and resolves each one. A document of the wrong
 * shape is a {@link MalformedDocumentException}, which the step skips and records.
 */
class PurgeCandidateProcessor implements ItemProcessor<Document, PurgeCandidate> {

	private final ContentTypeSpec spec;

	private final ImageUrlResolver resolver;

	private final PurgeCheckpoints checkpoints;

	PurgeCandidateProcessor(ContentTypeSpec spec, ImageUrlResolver resolver) {
		this(spec, resolver, PurgeCheckpoints.NONE);
	}

	PurgeCandidateProcessor(ContentTypeSpec spec, ImageUrlResolver resolver, PurgeCheckpoints checkpoints) {
		this.spec = spec;
		this.resolver = resolver;
		this.checkpoints = checkpoints;
	}

	@Override
	public PurgeCandidate process(Document document) {
		Object deletedAt = document.get(this.spec.deletedAtField());
		if (!(deletedAt instanceof Date date)) {
			throw new MalformedDocumentException("deleted-at-not-a-date",
					"'" + this.spec.deletedAtField() + "' must be a date but is "
							+ ((deletedAt == null) ? "missing" : deletedAt.getClass().getSimpleName()));
		}
		Set<String> keys = new LinkedHashSet<>();
		List<String> external = new ArrayList<>();
		List<ImageReference.OtherBucket> otherBucket = new ArrayList<>();
		List<ImageReference.Suspicious> suspicious = new ArrayList<>();
		for (String url : this.spec.imageUrls(document)) {
			ImageReference reference = this.resolver.resolve(url);
			if (reference instanceof ImageReference.OwnObject own) {
				keys.add(own.key());
			}
			else if (reference instanceof ImageReference.Suspicious refused) {
				suspicious.add(refused);
			}
			else if (reference instanceof ImageReference.OtherBucket other) {
				otherBucket.add(other);
			}
			else {
				external.add(url);
			}
		}
		Document imageFields = new Document();
		this.spec.topLevelImageFields().forEach(field -> imageFields.put(field, document.get(field)));
		Object attempts = document.get(PurgeFields.ATTEMPTS);
		this.checkpoints.reached(PurgeCheckpoints.Checkpoint.MID_CHUNK);
		return new PurgeCandidate(document.get("_id"), this.spec.reportedId(document), date,
				(attempts instanceof Number number) ? number.intValue() : 0, keys, external, otherBucket, suspicious,
				imageFields);
	}

}
