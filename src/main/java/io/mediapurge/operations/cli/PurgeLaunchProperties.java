package io.mediapurge.operations.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param runOnStartup run the job once when the application starts, then exit with its
 * status
 */
@ConfigurationProperties("media-purge.launch")
public record PurgeLaunchProperties(@DefaultValue("true") boolean runOnStartup) {
}
