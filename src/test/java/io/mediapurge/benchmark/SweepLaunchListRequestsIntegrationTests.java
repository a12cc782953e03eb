package io.mediapurge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.TestServers;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * The ListObjectsV2 requests a plan's {@code sweep-list} step records are the requests
 * the S3 server served, and the benchmark reports that count, not one partition's: the
 * benchmark's data set on a small scale (four prefixes, two of them under the configured
 * {@code releases/}, so three partitions of unequal size), several pages a prefix.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:sweep-list-requests;DB_CLOSE_DELAY=-1",
		"media-purge.sweep.page-size=10" })
class SweepLaunchListRequestsIntegrationTests extends ApplicationTestSupport {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("media-purge.s3.key-prefixes", () -> "galleries/,articles/,releases/");
	}

	@Autowired
	SweepLauncher sweeps;

	@Autowired
	JobRepository jobRepository;

	@Test
	void theBenchmarkReportsTheListingStepsRequestsAsTheServerServedThem() {
		// given: 35 objects under each prefix (4 pages of 10), releases/ holding 70 (7)
		for (String prefix : List.of("galleries/", "articles/", "releases/theater/", "releases/ott/")) {
			for (int i = 1; i <= 35; i++) {
				this.s3.put(prefix + i + ".jpg");
			}
		}

		// when
		JobExecution plan = this.sweeps.plan(List.of(), Duration.ZERO);

		// then: read back from the job repository, as the benchmark reads it
		assertThat(plan.getStatus()).as(plan.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		int served = this.s3.faults().listedPrefixes().size();
		assertThat(served).isEqualTo(4 + 4 + 7);
		JobInstance instance = this.jobRepository.getLastJobInstance(OrphanSweepJobConfiguration.JOB_NAME);
		assertThat(instance).isNotNull();
		JobExecution stored = this.jobRepository.getLastJobExecution(instance);
		assertThat(stored).isNotNull();
		StepExecution list = stored.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("sweep-list"))
			.findFirst()
			.orElseThrow();
		assertThat(list.getExecutionContext().getLong("listRequests")).isEqualTo(served);
		assertThat(SweepLaunch.listRequests(stored)).isEqualTo(served);
	}

}
