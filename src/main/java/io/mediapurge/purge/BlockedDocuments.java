package io.mediapurge.purge;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.purge.PurgeJournal.DocumentEvent;
import io.mediapurge.purge.PurgeJournal.Event;

/**
 * A chunk's documents that stay flagged, and why, with the quarantine rule: a document
 * blocked for the {@code maxAttempts}-th time is quarantined, and the job leaves it alone
 * until an operator clears {@value PurgeFields#QUARANTINED_AT}.
 */
final class BlockedDocuments {

	/**
	 * A document that will stay flagged, and why.
	 *
	 * @param candidate the document
	 * @param reasonCode short stable code
	 * @param reason for people
	 * @param key the key concerned, if any
	 */
	record Block(PurgeCandidate candidate, String reasonCode, String reason, @Nullable String key) {

		/** A document blocked before its claim, for a URL that must never become a delete. */
		boolean unclaimed() {
			return this.candidate.blockedBySuspiciousUrl();
		}

	}

	private final ContentTypeSpec spec;

	private final int maxAttempts;

	private final boolean dryRun;

	private final List<Block> blocks = new ArrayList<>();

	BlockedDocuments(ContentTypeSpec spec, int maxAttempts, boolean dryRun) {
		this.spec = spec;
		this.maxAttempts = maxAttempts;
		this.dryRun = dryRun;
	}

	void add(PurgeCandidate candidate, String reasonCode, String reason, @Nullable String key) {
		this.blocks.add(new Block(candidate, reasonCode, reason, key));
	}

	List<Block> blocks() {
		return List.copyOf(this.blocks);
	}

	/** The quarantine rule: this block is the document's last allowed attempt. */
	boolean quarantines(Block block) {
		return !this.dryRun && block.candidate().attempts() + 1 >= this.maxAttempts;
	}

	/**
	 * Writes the blocks on the documents with one unordered bulk write, with majority
	 * write concern. A claimed document keeps {@code purge_claimed_at}: some of its images
	 * may be gone already, so it must not be restored; the next run finishes it. It also
	 * keeps the chunk's token, by which a retry of the same chunk recognises a document it
	 * quarantined itself.
	 * @param collection the content type's collection
	 * @param token the chunk's claim token: only documents the chunk still holds are
	 * written
	 * @param now the time of the attempt
	 */
	void write(MongoCollection<Document> collection, String token, Date now) {
		if (this.blocks.isEmpty()) {
			return;
		}
		List<UpdateOneModel<Document>> updates = new ArrayList<>();
		for (Block block : this.blocks) {
			// the attempt count as read plus one, never lowered: a retried write counts
			// the same attempt again, not a new one
			List<Bson> changes = new ArrayList<>(
					List.of(Updates.max(PurgeFields.ATTEMPTS, block.candidate().attempts() + 1),
							Updates.set(PurgeFields.LAST_ERROR, block.reason()),
							Updates.set(PurgeFields.LAST_ATTEMPT_AT, now)));
			if (quarantines(block)) {
				changes.add(Updates.set(PurgeFields.QUARANTINED_AT, now));
			}
			Bson filter = block.unclaimed()
					? Filters.and(Filters.eq("_id", block.candidate().id()), Filters.eq(this.spec.flagField(), true))
					: Filters.and(Filters.eq("_id", block.candidate().id()), Filters.eq(PurgeFields.CLAIM, token));
			updates.add(new UpdateOneModel<>(filter, Updates.combine(changes)));
		}
		collection.bulkWrite(updates, new BulkWriteOptions().ordered(false));
	}

	/**
	 * Counts the blocks in the chunk's summary and adds their events.
	 * @param summary the chunk's summary
	 * @param events the chunk's events
	 */
	void report(PurgeSummary summary, List<DocumentEvent> events) {
		for (Block block : this.blocks) {
			boolean quarantine = quarantines(block);
			summary.blocked(block.reasonCode());
			if (quarantine) {
				summary.documentsQuarantined++;
			}
			events.add(new DocumentEvent(block.candidate().reportedId(), quarantine ? Event.QUARANTINED : Event.BLOCKED,
					block.reasonCode(), block.reason() + " (attempt " + (block.candidate().attempts() + 1) + " of "
							+ this.maxAttempts + ")",
					block.key()));
		}
	}

}
