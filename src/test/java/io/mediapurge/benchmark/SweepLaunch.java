package io.mediapurge.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.mediapurge.MediaPurgeApplication;
import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * One launch of the application's {@code sweep} command ({@code sweep plan} or
 * {@code sweep apply <planId>}) in the benchmark's JVM, start-up and shut-down included,
 * and what it measured.
 *
 * @param seconds wall time, start-up and shut-down included
 * @param exitCode the application's exit code
 * @param planId the job instance of the launch's execution: the plan's id for a plan
 * @param executionSeconds the job execution, from the job repository
 * @param steps each step's duration in seconds
 * @param written each step's write count
 * @param listRequests the ListObjectsV2 requests the {@code sweep-list} step recorded
 * ({@code -1} when it has none)
 * @param heapBeforeMb heap in use before the launch, right after a GC
 * @param heapAfterGcMb largest heap left after a GC during the launch
 * @param liveHeapMb largest heap in use right after the full collections forced every
 * {@value #FORCED_GC_MILLIS} ms during the launch: its live set
 * @param medianLiveHeapMb the median of those samples
 * @param cpuSeconds CPU time of this JVM during the launch
 */
record SweepLaunch(double seconds, int exitCode, long planId, double executionSeconds, Map<String, Double> steps,
		Map<String, Long> written, long listRequests, long heapBeforeMb, long heapAfterGcMb, long liveHeapMb,
		long medianLiveHeapMb, double cpuSeconds) {

	static final long FORCED_GC_MILLIS = 1000;

	/**
	 * @param command the command's words, e.g. {@code sweep plan}
	 * @param args the application's other arguments
	 */
	static SweepLaunch run(List<String> command, List<String> args) throws Exception {
		List<String> all = new ArrayList<>(args);
		all.addAll(command);
		SpringApplication application = new SpringApplication(MediaPurgeApplication.class);
		System.gc();
		long heapBefore = LiveHeap.used();
		LiveHeap liveHeap = LiveHeap.watch(FORCED_GC_MILLIS);
		long cpuStart = ProcessCpu.nanos();
		long start = System.nanoTime();
		int exitCode;
		JobExecution execution = null;
		try {
			ConfigurableApplicationContext context = application.run(all.toArray(String[]::new));
			JobRepository repository = context.getBean(JobRepository.class);
			JobInstance instance = repository.getLastJobInstance(OrphanSweepJobConfiguration.JOB_NAME);
			execution = (instance != null) ? repository.getLastJobExecution(instance) : null;
			exitCode = SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already logged the failure
			exitCode = ExitCodes.forStartupFailure(ex).code();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (ProcessCpu.nanos() - cpuStart) / 1e9;
		long heapAfterGc = liveHeap.finish();
		Map<String, Double> steps = new LinkedHashMap<>();
		Map<String, Long> written = new LinkedHashMap<>();
		long listRequests = -1;
		double executionSeconds = Double.NaN;
		long planId = -1;
		if (execution != null) {
			planId = execution.getJobInstance().getInstanceId();
			executionSeconds = between(execution.getStartTime(), execution.getEndTime());
			for (StepExecution step : execution.getStepExecutions()) {
				steps.put(step.getStepName(), between(step.getStartTime(), step.getEndTime()));
				written.put(step.getStepName(), step.getWriteCount());
			}
			listRequests = listRequests(execution);
		}
		return new SweepLaunch(seconds, exitCode, planId, executionSeconds, steps, written, listRequests,
				heapBefore >> 20, heapAfterGc >> 20, liveHeap.mostLive() >> 20, liveHeap.medianLive() >> 20,
				cpuSeconds);
	}

	/**
	 * @param execution a plan's execution, from the job repository
	 * @return the ListObjectsV2 requests its {@code sweep-list} step recorded (the sum
	 * over its partitions, each of which records its own under the same key), {@code -1}
	 * when it has none
	 */
	static long listRequests(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals("sweep-list") && step.getExecutionContext().containsKey("listRequests")) {
				return step.getExecutionContext().getLong("listRequests");
			}
		}
		return -1;
	}

	double step(String name) {
		return this.steps.getOrDefault(name, Double.NaN);
	}

	String stepsText() {
		StringBuilder text = new StringBuilder();
		this.steps.forEach((name, seconds) -> text.append(String.format(" %s %.2f s", name, seconds)));
		return text.toString();
	}

	private static double between(java.time.LocalDateTime start, java.time.LocalDateTime end) {
		return (start == null || end == null) ? Double.NaN : Duration.between(start, end).toNanos() / 1e9;
	}

}
