package io.mediapurge.operations.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code media-purge.metadata.*}: defaults and what is refused.
 */
class MetadataPropertiesTests {

	@Test
	void defaultsToNinetyDaysPrunedDailyAtHalfPastThreeInTheServersZone() {
		MetadataProperties properties = bind(Map.of());

		assertThat(properties.retention()).isEqualTo(Duration.ofDays(90));
		assertThat(properties.pruneCron()).isEqualTo("0 30 3 * * *");
		assertThat(properties.zone()).isEqualTo(ZoneId.systemDefault());
	}

	@Test
	void bindsARetentionACronAndAZone() {
		MetadataProperties properties = bind(Map.of("media-purge.metadata.retention", "30d",
				"media-purge.metadata.prune-cron", "0 0 4 * * SUN", "media-purge.metadata.prune-zone", "Europe/Paris"));

		assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
		assertThat(properties.pruneCron()).isEqualTo("0 0 4 * * SUN");
		assertThat(properties.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
	}

	@Test
	void refusesARetentionShorterThanADayAndACronThatIsNotOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MetadataProperties(Duration.ofHours(12), "0 30 3 * * *", null))
			.withMessageContaining("media-purge.metadata.retention must be at least 1d");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MetadataProperties(Duration.ofDays(90), "nightly", null))
			.withMessageContaining("media-purge.metadata.prune-cron 'nightly'");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("media-purge.metadata.retention", "1h")));
	}

	private static MetadataProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("media-purge.metadata",
				MetadataProperties.class);
	}

}
