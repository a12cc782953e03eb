package io.mediapurge.operations.lease;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job's lease.
 *
 * @param ttl how long the lease outlives its last heartbeat; a run renews it every third
 * of this, so a process killed while running blocks the next launch (and {@code recover})
 * for at most this long
 */
@ConfigurationProperties("media-purge.lease")
@Validated
public record LeaseProperties(@NotNull @DurationMin(seconds = 1) @DefaultValue("2m") Duration ttl) {
}
