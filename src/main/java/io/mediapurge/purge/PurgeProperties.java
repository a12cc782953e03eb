package io.mediapurge.purge;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the purge job behaves.
 *
 * @param gracePeriod how long a document stays soft-deleted (and restorable) before it is
 * purged
 * @param chunkSize documents per chunk: one claim, one S3 batch and one hard delete per
 * chunk
 * @param skipLimit malformed documents a step may skip before it fails
 * @param maxAttempts runs in which a blocked document is retried before it is quarantined
 * @param writeRetryLimit attempts of a chunk write that met a transient MongoDB failure
 */
@ConfigurationProperties("media-purge")
@Validated
public record PurgeProperties(@NotNull @DefaultValue("24h") Duration gracePeriod,
		@Min(1) @Max(1000) @DefaultValue("200") int chunkSize, @Min(0) @DefaultValue("100") int skipLimit,
		@Min(1) @DefaultValue("5") int maxAttempts, @Min(1) @Max(10) @DefaultValue("3") int writeRetryLimit) {
}
