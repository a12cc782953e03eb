package io.mediapurge.operations.housekeeping;

import java.time.Duration;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * How long the job repository keeps the history of runs.
 *
 * @param retention job metadata older than this is pruned (at least one day)
 * @param pruneCron when the long-running mode prunes (a Spring cron expression: second,
 * minute, hour, day of month, month, day of week)
 * @param pruneZone the time zone of {@code pruneCron}; the server's when not set
 */
@ConfigurationProperties("media-purge.metadata")
public record MetadataProperties(@DefaultValue("90d") Duration retention,
		@DefaultValue("0 30 3 * * *") String pruneCron, @Nullable ZoneId pruneZone) {

	public MetadataProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("media-purge.metadata.retention must be at least 1d, got " + retention);
		}
		if (!CronExpression.isValidExpression(pruneCron)) {
			throw new IllegalArgumentException("media-purge.metadata.prune-cron '" + pruneCron
					+ "' is not a cron expression (second minute hour day-of-month month day-of-week, e.g. 0 30 3 * * *)");
		}
	}

	/**
	 * @return the time zone of the prune schedule
	 */
	public ZoneId zone() {
		return (this.pruneZone != null) ? this.pruneZone : ZoneId.systemDefault();
	}

}
