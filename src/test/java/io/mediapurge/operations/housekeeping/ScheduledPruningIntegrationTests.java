package io.mediapurge.operations.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

/**
 * The long-running mode prunes the job metadata daily, on its own schedule.
 */
class ScheduledPruningIntegrationTests extends ServerModeIntegrationTestSupport {

	@Autowired
	ScheduledTaskHolder scheduledTasks;

	@Autowired
	MetadataProperties properties;

	@Test
	void theLongRunningModePrunesDailyAtHalfPastThree() {
		assertThat(this.properties.pruneCron()).isEqualTo("0 30 3 * * *");
		assertThat(this.properties.retention()).hasDays(90);
		assertThat(this.scheduledTasks.getScheduledTasks()).anySatisfy((scheduled) -> {
			assertThat(scheduled.getTask()).isInstanceOf(CronTask.class);
			assertThat(((CronTask) scheduled.getTask()).getExpression()).isEqualTo("0 30 3 * * *");
		});
	}

}
