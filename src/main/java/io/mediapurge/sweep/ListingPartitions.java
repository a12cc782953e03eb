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

import io.mediapurge.sweep.inventory.InventoryManifest;
import io.mediapurge.sweep.inventory.InventoryRefusedException;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * How the step {@code sweep-list} splits a plan's listing. Listing the bucket: one
 * partition per prefix of the plan, listed at the same time as the others (S3 serves
 * requests per partitioned prefix, so prefixes listed in parallel do not slow each other
 * down); the partition named {@code p<i>} lists the {@code i}-th prefix, held in its
 * context under {@link #PREFIX}. Reading an S3 Inventory: one partition per data file of
 * its manifest, {@code f<i>} reading the {@code i}-th, its key under {@link #FILE}; each
 * file may hold rows of every prefix, and the totals per prefix are summed over the files
 * in the run. Either way a restart gives each name the same part.
 *
 * <p>
 * The listing step, not its partitions, starts the listing afresh (no key listed, the
 * plan's candidates and totals forgotten) and sums the partitions' ListObjectsV2 requests
 * and inventory rows into its own context. Once every partition of an inventory is read,
 * it refuses the plan when a prefix has no object in it: an inventory whose prefix filter
 * leaves that prefix out would report each of its references as dangling and hide its
 * orphans.
 */
final class ListingPartitions implements StepExecutionListener, StepExecutionAggregator {

	/** The partition context's entry that holds the prefix it lists. */
	static final String PREFIX = "prefix";

	/** The partition context's entry that holds the inventory data file it reads. */
	static final String FILE = "file";

	private static final List<String> SUMMED = List.of(BucketListingItemReader.LIST_REQUESTS,
			InventoryFileItemReader.ROWS, InventoryFileItemReader.ROWS_NOT_CURRENT,
			InventoryFileItemReader.ROWS_OUTSIDE_PREFIXES);

	private final SweepRuns runs;

	private final SweepPlanRecords records;

	private final StepExecutionAggregator counts = new DefaultStepExecutionAggregator();

	ListingPartitions(SweepRuns runs, SweepPlanRecords records) {
		this.runs = runs;
		this.records = records;
	}

	/**
	 * @param run the run whose plan is listed
	 * @return one partition context per prefix, or per inventory data file, by partition
	 * name
	 */
	static Map<String, ExecutionContext> partitions(SweepRun run) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		InventoryManifest inventory = run.inventory();
		if (inventory != null) {
			for (int i = 0; i < inventory.files().size(); i++) {
				ExecutionContext context = new ExecutionContext();
				context.putString(FILE, inventory.files().get(i).key());
				partitions.put("f" + i, context);
			}
			return partitions;
		}
		for (int i = 0; i < run.prefixes().size(); i++) {
			ExecutionContext context = new ExecutionContext();
			context.putString(PREFIX, run.prefixes().get(i));
			partitions.put("p" + i, context);
		}
		return partitions;
	}

	/**
	 * @param run the run whose plan is listed
	 * @return the partitioner of that run's listing
	 */
	static Partitioner partitioner(SweepRun run) {
		return gridSize -> partitions(run);
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
		for (String counter : SUMMED) {
			long sum = executions.stream()
				.mapToLong(execution -> execution.getExecutionContext().getLong(counter, 0))
				.sum();
			result.getExecutionContext().putLong(counter, sum);
		}
		SweepRun run = this.runs.of(result.getJobExecution().getId());
		InventoryManifest inventory = run.inventory();
		if (inventory != null && !result.getStatus().isUnsuccessful()) {
			requireEveryPrefix(inventory, run.totals());
		}
	}

	private static void requireEveryPrefix(InventoryManifest inventory, List<PrefixTotals> totals) {
		List<String> empty = totals.stream()
			.filter(prefix -> prefix.objectsListed() == 0)
			.map(prefix -> "'" + prefix.prefix() + "'")
			.toList();
		if (!empty.isEmpty()) {
			throw new InventoryRefusedException("Inventory " + inventory.location() + " holds no object under prefix "
					+ String.join(", ", empty) + ": its prefix filter probably leaves it out, and a plan from it "
					+ "would report every reference under it as dangling and find none of its orphans; plan it "
					+ "without inventory=, or from an inventory that covers it");
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		return null;
	}

}
