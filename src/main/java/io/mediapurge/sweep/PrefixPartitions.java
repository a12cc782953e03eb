package io.mediapurge.sweep;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * How the step {@code sweep-list} splits a plan's listing: one partition per prefix of
 * the plan, listed at the same time as the others (S3 serves requests per partitioned
 * prefix, so prefixes listed in parallel do not slow each other down). Each partition's
 * context holds its prefix under {@link #PREFIX}; the partition named {@code p<i>} lists
 * the {@code i}-th prefix of the plan, so a restart gives each name the same prefix.
 *
 * <p>
 * The listing step, not its partitions, starts the listing afresh (no key listed, the
 * plan's candidates and totals forgotten) and sums the partitions' ListObjectsV2 requests
 * into its own context.
 */
final class PrefixPartitions implements StepExecutionListener, StepExecutionAggregator {

	/** The partition context's entry that holds the prefix it lists. */
	static final String PREFIX = "prefix";

	private final SweepRuns runs;

	private final SweepPlanRecords records;

	private final StepExecutionAggregator counts = new DefaultStepExecutionAggregator();

	PrefixPartitions(SweepRuns runs, SweepPlanRecords records) {
		this.runs = runs;
		this.records = records;
	}

	/**
	 * @param prefixes the plan's prefixes
	 * @return one partition context per prefix, by partition name
	 */
	static Map<String, ExecutionContext> partitions(List<String> prefixes) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < prefixes.size(); i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(PREFIX, prefixes.get(i));
			partitions.put("p" + i, context);
		}
		return partitions;
	}

	/**
	 * @param run the run whose plan is listed
	 * @return the partitioner of that run's listing
	 */
	static Partitioner partitioner(SweepRun run) {
		return gridSize -> partitions(run.prefixes());
	}

	/** Starts the listing afresh, before any partition runs. */
	@Override
	public void beforeStep(StepExecution stepExecution) {
		SweepRun run = this.runs.of(stepExecution.getJobExecution().getId());
		run.resetListing();
		this.records.clearListing(run.planId());
	}

	@Override
	public void aggregate(StepExecution result, Collection<StepExecution> executions) {
		this.counts.aggregate(result, executions);
		long requests = executions.stream()
			.mapToLong(execution -> execution.getExecutionContext().getLong(BucketListingItemReader.LIST_REQUESTS, 0))
			.sum();
		result.getExecutionContext().putLong(BucketListingItemReader.LIST_REQUESTS, requests);
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		return null;
	}

}
