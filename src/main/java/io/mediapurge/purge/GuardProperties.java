package io.mediapurge.purge;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The blast-radius guard ({@link BlastRadiusGuard}): a run trips it when the documents
 * due for purging number at least {@code minDocuments} and either exceed
 * {@code maxDocuments} or make up more than {@code maxShare} of one content type's
 * collection.
 *
 * @param minDocuments below this many due documents the guard never trips (small
 * installations and tests)
 * @param maxDocuments more due documents than this trip the guard
 * @param maxShare a content type whose due documents exceed this share of its collection
 * trips the guard
 * @param checkBucket before a real run's first step, check that the bucket exists and
 * accepts deletes (one DeleteObjects request for a key that cannot exist); on by default
 * @param foreignImageRatio a content-type step fails before it changes anything when at
 * least this share of its due documents' image URLs (and at least one) are of another
 * host or another bucket: 1.0 (the default) when all of them are; above 1 turns the rule
 * off ({@link ForeignImageGuard})
 */
@ConfigurationProperties("media-purge.guard")
@Validated
public record GuardProperties(@Min(0) @DefaultValue("1000") long minDocuments,
		@Min(1) @DefaultValue("50000") long maxDocuments,
		@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.25") double maxShare,
		@DefaultValue("true") boolean checkBucket,
		@DecimalMin(value = "0.0", inclusive = false) @DefaultValue("1.0") double foreignImageRatio) {
}
