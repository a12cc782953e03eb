package io.mediapurge.mongo;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the jobs wait for MongoDB.
 *
 * @param serverSelectionTimeout how long an operation waits for a suitable server
 * (primary for writes) before it fails; bounds how long a run takes to fail when MongoDB
 * is unreachable. The driver's own default is 30 s; {@code serverSelectionTimeoutMS} in
 * {@code spring.mongodb.uri} overrides this setting. Keep it above the time a replica set
 * takes to elect a new primary (about 12 s at most with MongoDB's defaults) if chunks
 * should ride out an election without a write retry.
 */
@ConfigurationProperties("media-purge.mongo")
@Validated
public record MongoClientProperties(@NotNull @DefaultValue("10s") Duration serverSelectionTimeout) {
}
