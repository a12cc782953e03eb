package io.mediapurge.purge;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.mediapurge.catalogue.ContentTypeSpec;

/**
 * How the purge job behaves.
 *
 * @param gracePeriod how long a document stays soft-deleted (and restorable) before it is
 * purged
 * @param chunkSize documents per chunk: one claim, one S3 batch and one hard delete per
 * chunk
 * @param fillRequests whether a content type whose documents hold a fixed number of
 * images (no image list) takes as many documents per chunk as fill one DeleteObjects
 * request of 1,000 keys, instead of {@code chunkSize}
 * @param skipLimit malformed documents a step may skip before it fails; at least 1 (the
 * strictest: a second malformed document fails the step), since Spring Batch has no
 * fault-tolerant step that skips nothing
 * @param maxAttempts runs in which a blocked document is retried before it is quarantined
 * @param writeRetryLimit attempts of a chunk write that met a transient MongoDB failure
 * @param parallelSteps content types purged at the same time (1: one after another)
 */
@ConfigurationProperties("media-purge")
@Validated
public record PurgeProperties(@NotNull @DefaultValue("24h") Duration gracePeriod,
		@Min(1) @Max(1000) @DefaultValue("200") int chunkSize, @DefaultValue("true") boolean fillRequests,
		@Min(1) @DefaultValue("100") int skipLimit, @Min(1) @DefaultValue("5") int maxAttempts,
		@Min(1) @Max(10) @DefaultValue("3") int writeRetryLimit,
		@Min(1) @Max(16) @DefaultValue("1") int parallelSteps) {

	/** Keys of a full DeleteObjects request. */
	static final int KEYS_PER_REQUEST = 1000;

	/**
	 * The chunk size of a content type's step.
	 * @param spec the content type
	 * @return {@code chunkSize}, or for a type with at most k images per document and
	 * {@code fillRequests} on, 1,000 / k documents (at least {@code chunkSize})
	 */
	public int chunkSizeFor(ContentTypeSpec spec) {
		if (!this.fillRequests) {
			return this.chunkSize;
		}
		int perDocument = spec.maxImagesPerDocument().orElse(0);
		return (perDocument > 0) ? Math.max(this.chunkSize, KEYS_PER_REQUEST / perDocument) : this.chunkSize;
	}
}
