package io.mediapurge.operations.schedule;

import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The schedule of the long-running mode.
 *
 * @param enabled launch the job on the schedule (the {@code server} profile turns it on)
 * @param cron when: a Spring cron expression with six fields (second minute hour
 * day-of-month month day-of-week); nightly at 02:00 by default
 * @param zone the time zone the expression is read in
 */
@ConfigurationProperties("media-purge.schedule")
@Validated
public record ScheduleProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @ValidCron @DefaultValue("0 0 2 * * *") String cron, @NotNull @DefaultValue("UTC") ZoneId zone) {
}
