package io.mediapurge.purge;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.mediapurge.purge.PurgeCheckpoints.Checkpoint;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * The CMS edits a claimed, soft-deleted document after its chunk deleted the images it
 * showed at the claim and before the hard delete: the record must not go with its new
 * images left in the bucket. It stays flagged and claimed (its old images are gone, so it
 * must not be restored), is reported as blocked, and the next run deletes the images it
 * shows then and its record.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:edited-after-claim;DB_CLOSE_DELAY=-1")
@Import(EditedAfterClaimIntegrationTests.Hooks.class)
class EditedAfterClaimIntegrationTests extends PurgeIntegrationTestSupport {

	/** An edit the CMS makes to the document {@code edited} of a content type. */
	enum Edit {

		/** A URL of the array of subdocuments replaced. */
		GALLERY_IMAGE_REPLACED("gallery", Updates.set("images.1.url", s3Url("galleries/edited/new.jpg")),
				"galleries/edited/new.jpg"),

		/** An image added to the array. */
		GALLERY_IMAGE_ADDED("gallery",
				Updates.push("images", new Document("url", cdnUrl("galleries/edited/new.jpg")).append("caption", "c")),
				"galleries/edited/new.jpg"),

		/** A whole image field the spec lists, missing when claimed, written. */
		ARTICLE_LEAD_IMAGE_ADDED("article", Updates.set("image", s3Url("articles/edited/new.jpg")),
				"articles/edited/new.jpg"),

		/** An image field null when claimed (null and missing differ) given an image. */
		ARTICLE_NULL_LEAD_IMAGE_SET("article", Updates.set("image", s3Url("articles/edited/new.jpg")),
				"articles/edited/new.jpg"),

		/**
		 * A single URL turned into an array that still contains it: an equality filter on
		 * the URL would match the array.
		 */
		ARTICLE_LEAD_IMAGE_BECOMES_ARRAY("article",
				Updates.set("image", List.of(s3Url("articles/edited/lead.jpg"), s3Url("articles/edited/new.jpg"))),
				"articles/edited/new.jpg"),

		/** The URL of a subdocument inside the inline array changed. */
		ARTICLE_INLINE_SUBDOCUMENT_URL_CHANGED("article",
				Updates.set("image_gallery.1.url", cdnUrl("articles/edited/new.jpg")), "articles/edited/new.jpg"),

		/** A URL string of the inline array replaced. */
		ARTICLE_INLINE_URL_REPLACED("article", Updates.set("image_gallery.0", s3Url("articles/edited/new.jpg")),
				"articles/edited/new.jpg");

		final String contentType;

		final Bson update;

		final String newKey;

		Edit(String contentType, Bson update, String newKey) {
			this.contentType = contentType;
			this.update = update;
			this.newKey = newKey;
		}

		String collection() {
			return this.contentType.equals("gallery") ? "galleries" : "articles";
		}

		String idField() {
			return this.contentType.equals("gallery") ? "gallery_id" : "article_id";
		}

		/** The document as the CMS soft-deleted it, and the keys it shows. */
		Document document() {
			if (this.contentType.equals("gallery")) {
				return gallery("edited", s3Url("galleries/edited/1.jpg"), cdnUrl("galleries/edited/2.jpg"));
			}
			Document article = article("edited", s3Url("articles/edited/lead.jpg"),
					List.of(s3Url("articles/edited/inline-1.jpg"),
							new Document("url", cdnUrl("articles/edited/inline-2.jpg"))));
			if (this == ARTICLE_LEAD_IMAGE_ADDED) {
				article.remove("image");
			}
			else if (this == ARTICLE_NULL_LEAD_IMAGE_SET) {
				article.put("image", null);
			}
			return article;
		}

		List<String> oldKeys() {
			if (this.contentType.equals("gallery")) {
				return List.of("galleries/edited/1.jpg", "galleries/edited/2.jpg");
			}
			List<String> inline = List.of("articles/edited/inline-1.jpg", "articles/edited/inline-2.jpg");
			return (this == ARTICLE_LEAD_IMAGE_ADDED || this == ARTICLE_NULL_LEAD_IMAGE_SET) ? inline
					: List.of("articles/edited/lead.jpg", inline.get(0), inline.get(1));
		}

		/** Whether the document as edited is one the job can purge. */
		boolean wellFormed() {
			// a URL field holding an array is malformed for a spec path without []
			return this != ARTICLE_LEAD_IMAGE_BECOMES_ARRAY;
		}

	}

	@Autowired
	Hook hook;

	@AfterEach
	void disarm() {
		this.hook.action = null;
	}

	@ParameterizedTest
	@EnumSource(Edit.class)
	void aDocumentEditedBetweenItsDeletesAndItsHardDeleteKeepsItsRecordAndItsNewImage(Edit edit) {
		String fineKey = edit.collection() + "/fine/1.jpg";
		this.s3.put(edit.oldKeys().toArray(String[]::new));
		// the CMS uploads the new image before it writes its URL
		this.s3.put(edit.newKey, fineKey);
		Document fine = (edit.contentType.equals("gallery")) ? gallery("fine", s3Url(fineKey))
				: article("fine", s3Url(fineKey), List.of());
		insert(edit.collection(), due(edit.document()), due(fine));
		editOnceItsImagesAreGone(edit.collection(), edit.idField(), "edited", edit.oldKeys().get(0), edit.update);

		JobExecution execution = this.launcher.run(false, Set.of(edit.contentType));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.hook.acted).as("the CMS edited the document between its deletes and its hard delete").isTrue();
		Document edited = find(edit.collection(), Filters.eq(edit.idField(), "edited"));
		assertThat(edited).as("not hard-deleted").isNotNull();
		// still flagged and claimed: its old images are gone, so it must not be restored
		assertThat(edited).containsEntry("is_deleted", true).containsKey(PurgeFields.CLAIMED_AT);
		assertThat(find(edit.collection(), Filters.eq(edit.idField(), "fine"))).isNull();
		assertThat(this.s3.keys()).containsExactly(edit.newKey);
		PurgeSummary summary = summary(execution, edit.contentType);
		assertThat(summary.documentsPurged()).isOne();
		assertThat(summary.documentsBlocked()).isOne();
		assertThat(summary.blockReasons()).isEqualTo(Map.of("images-changed", 1L));
		assertThat(events(execution)).singleElement()
			.satisfies(event -> assertThat(event).containsEntry("DOCUMENT_ID", "edited")
				.containsEntry("EVENT", "BLOCKED")
				.containsEntry("REASON_CODE", "images-changed"));

		this.hook.action = null;
		JobExecution next = this.launcher.run(false, Set.of(edit.contentType));

		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		if (edit.wellFormed()) {
			// the next run reads it as it is now: its new image goes, then its record
			assertThat(count(edit.collection())).isZero();
			assertThat(this.s3.keys()).isEmpty();
			assertThat(summary(next, edit.contentType).documentsPurged()).isOne();
		}
		else {
			assertThat(find(edit.collection(), Filters.eq(edit.idField(), "edited"))).isNotNull();
			assertThat(this.s3.keys()).containsExactly(edit.newKey);
		}
	}

	@Test
	void aDocumentWhoseSameImagesTheCmsRewroteAfterItsDeletesIsPurged() {
		this.s3.put("galleries/same/1.jpg", "galleries/same/2.jpg");
		Document same = gallery("same", s3Url("galleries/same/1.jpg"), cdnUrl("galleries/same/2.jpg"));
		insert("galleries", due(same));
		// the same values written again, with a new time of last write: the images just
		// deleted are all it shows
		editOnceItsImagesAreGone("galleries", "gallery_id", "same", "galleries/same/1.jpg", Updates.combine(
				Updates.set("images", same.getList("images", Document.class)), Updates.set("updated_at", new Date())));

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(this.hook.acted).isTrue();
		assertThat(count("galleries")).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(summary(execution, "gallery").documentsPurged()).isOne();
		assertThat(summary(execution, "gallery").documentsBlocked()).isZero();
	}

	@Test
	void aDocumentWhoseImagesTheCmsRewroteWithTheirFieldsInAnotherOrderIsLeftForTheNextRun() {
		this.s3.put("galleries/same/1.jpg");
		insert("galleries", due(gallery("same", s3Url("galleries/same/1.jpg"))));
		// the same image, its subdocument's fields in another order: MongoDB compares
		// subdocuments field by field, so the record is kept, never wrongly deleted
		editOnceItsImagesAreGone("galleries", "gallery_id", "same", "galleries/same/1.jpg", Updates.set("images",
				List.of(new Document("caption", "c").append("url", s3Url("galleries/same/1.jpg")))));

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(this.hook.acted).isTrue();
		assertThat(storedGallery("same")).isNotNull().containsKey(PurgeFields.CLAIMED_AT);
		assertThat(summary(execution, "gallery").blockReasons()).isEqualTo(Map.of("images-changed", 1L));

		this.hook.action = null;
		JobExecution next = this.launcher.run(false, Set.of("gallery"));

		assertThat(count("galleries")).isZero();
		assertThat(this.s3.keys()).isEmpty();
		assertThat(summary(next, "gallery").documentsPurged()).isOne();
	}

	@Test
	void aDocumentRestoredAndEditedAgainstTheContractAfterItsDeletesIsNotHardDeleted() {
		this.s3.put("galleries/rogue/1.jpg", "galleries/rogue/new.jpg", "galleries/fine/1.jpg");
		insert("galleries", due(gallery("rogue", s3Url("galleries/rogue/1.jpg"))),
				due(gallery("fine", s3Url("galleries/fine/1.jpg"))));
		// a CMS that ignores purge_claimed_at restores it and adds an image
		editOnceItsImagesAreGone("galleries", "gallery_id", "rogue", "galleries/rogue/1.jpg",
				Updates.combine(Updates.set("is_deleted", false), Updates.unset("deleted_at"),
						Updates.push("images", new Document("url", s3Url("galleries/rogue/new.jpg")))));

		JobExecution execution = this.launcher.run(false, Set.of("gallery"));

		assertThat(this.hook.acted).isTrue();
		assertThat(storedGallery("rogue")).isNotNull().containsEntry("is_deleted", false);
		assertThat(storedGallery("fine")).isNull();
		assertThat(this.s3.keys()).containsExactly("galleries/rogue/new.jpg");
		// reported, not counted as purged
		PurgeSummary summary = summary(execution, "gallery");
		assertThat(summary.documentsPurged()).isOne();
		assertThat(summary.documentsRestored()).isOne();
		assertThat(events(execution)).singleElement()
			.satisfies(event -> assertThat(event).containsEntry("DOCUMENT_ID", "rogue")
				.containsEntry("REASON_CODE", "unflagged-after-claim"));
	}

	/**
	 * Arms the hook: right before a hard delete, once the document's first image is gone,
	 * the CMS writes this update on it (once).
	 */
	private void editOnceItsImagesAreGone(String collection, String idField, String id, String firstKey, Bson update) {
		this.hook.arm(checkpoint -> {
			if (checkpoint == Checkpoint.AFTER_AUDIT && !this.hook.acted && !this.s3.exists(firstKey)) {
				this.mongo.getCollection(collection).updateOne(Filters.eq(idField, id), update);
				this.hook.acted = true;
			}
		});
	}

	/** The job's checkpoints hook, armed by each test. */
	static final class Hook implements PurgeCheckpoints {

		volatile Consumer<Checkpoint> action;

		volatile boolean acted;

		void arm(Consumer<Checkpoint> action) {
			this.acted = false;
			this.action = action;
		}

		@Override
		public void reached(Checkpoint checkpoint) {
			Consumer<Checkpoint> armed = this.action;
			if (armed != null) {
				armed.accept(checkpoint);
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		Hook purgeCheckpoints() {
			return new Hook();
		}

	}

}
