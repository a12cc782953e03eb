package io.mediapurge.catalogue;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the content-type specs are.
 *
 * @param location a Spring resource pattern; every match is one content type
 */
@ConfigurationProperties("media-purge.catalogue")
@Validated
public record CatalogueProperties(@NotBlank @DefaultValue("file:jobs/*.yaml") String location) {
}
