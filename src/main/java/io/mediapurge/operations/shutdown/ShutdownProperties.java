package io.mediapurge.operations.shutdown;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the process stops on SIGTERM.
 *
 * @param gracePeriod how long a running execution may take to finish its current chunk
 * after SIGTERM before the process shuts down anyway (keep it below the pod's
 * {@code terminationGracePeriodSeconds})
 */
@ConfigurationProperties("media-purge.shutdown")
@Validated
public record ShutdownProperties(@NotNull @DefaultValue("60s") Duration gracePeriod) {
}
