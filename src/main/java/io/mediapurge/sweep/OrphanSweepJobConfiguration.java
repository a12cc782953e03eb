package io.mediapurge.sweep;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.transaction.PlatformTransactionManager;

import software.amazon.awssdk.services.s3.S3Client;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.imagestore.S3Properties;
import io.mediapurge.purge.DeleteFence;
import io.mediapurge.references.ReferencesProperties;
import io.mediapurge.sweep.inventory.InventoryManifest;
import io.mediapurge.sweep.inventory.InventoryManifestReader;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlanRecords;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The job {@code orphanSweepJob}, on the purge's job repository. Its parameter
 * {@code action} chooses one of two flows:
 * <ul>
 * <li>{@code plan}: {@code sweep-plan-begin}, {@code sweep-mark} (every key any document
 * shows), {@code sweep-list} (the bucket under the plan's prefixes, partitioned by
 * prefix, or the plan's S3 Inventory ({@code inventory=s3://.../manifest.json}),
 * partitioned by data file, the partitions read in parallel by up to
 * {@code media-purge.sweep.list-threads} threads, chunk-oriented: candidates are written
 * to the plan; see {@link ListingPartitions}), {@code sweep-dangling} (documents showing
 * keys the listing did not hold), {@code sweep-plan-ready}. A restart runs every step
 * again (the mark and the listed keys live in memory) and rewrites the same plan.</li>
 * <li>{@code apply}: {@code sweep-apply-claim} (the plan, once), {@code sweep-apply-mark}
 * (marked again now), {@code sweep-apply-delete} (the plan's undecided keys, chunk by
 * chunk: kept if referenced or changed, else deleted), {@code sweep-apply-finish}. A
 * restart goes on with the keys not decided yet.</li>
 * </ul>
 * An apply that kept or failed keys ends COMPLETED with exit status
 * {@code COMPLETED_WITH_ISSUES} (exit code 3).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SweepProperties.class)
public class OrphanSweepJobConfiguration {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "orphanSweepJob";

	/**
	 * The exit status of a plan whose S3 Inventory was refused (of another bucket, stale,
	 * without an object under a prefix of the plan, ...): an invalid argument.
	 */
	public static final String INVENTORY_REFUSED = "INVENTORY_REFUSED";

	@Bean
	Job orphanSweepJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ContentCatalogue catalogue, MongoOperations mongo, ImageUrlResolver resolver, S3Client s3Client,
			S3ImageDeleter deleter, S3Properties s3Properties, SweepProperties properties, SweepPlans plans,
			SweepPlanRecords records, Clock clock, ObjectProvider<SweepProgressListener> progressListeners,
			ObjectProvider<DeleteFence> deleteFence, ReferencesProperties referencesProperties, SweepRuns runs,
			Partitioner listingPartitioner, ListingPartitionReader listingReader, SweepPlanWriter planWriter,
			InventoryManifestReader inventoryManifests) {
		SweepProgressListener listener = composite(progressListeners);
		ReferenceMarker marker = new ReferenceMarker(mongo, catalogue, resolver, properties.exactKeys(),
				referencesProperties.clockSkew(), clock);
		Steps steps = new Steps(jobRepository, transactionManager);

		Step listPart = new StepBuilder("sweep-list-partition", jobRepository)
			.<PlannedObject, PlannedObject>chunk(properties.pageSize())
			.transactionManager(transactionManager)
			.reader(listingReader)
			.writer(planWriter)
			.listener(listingReader)
			.listener(planWriter)
			.allowStartIfComplete(true)
			.build();
		ListingPartitions partitions = new ListingPartitions(runs, records);
		SimpleAsyncTaskExecutor listers = new SimpleAsyncTaskExecutor("sweep-list-");
		listers.setConcurrencyLimit(properties.listThreads());
		Step list = new StepBuilder("sweep-list", jobRepository).partitioner("sweep-list-partition", listingPartitioner)
			.step(listPart)
			.taskExecutor(listers)
			.aggregator(partitions)
			.listener(partitions)
			.allowStartIfComplete(true)
			.build();
		Flow plan = new FlowBuilder<SimpleFlow>("sweep-plan")
			.start(steps.always("sweep-plan-begin", PlanTasklets.begin(runs, records, inventoryManifests)))
			.next(steps.always("sweep-mark", new MarkTasklet(runs, marker)))
			.next(list)
			.next(steps.always("sweep-dangling",
					new DanglingReferenceTasklet(runs, mongo, catalogue, resolver, records,
							properties.maxDanglingReferences())))
			.next(steps.always("sweep-plan-ready", PlanTasklets.ready(runs, records, listener)))
			.build();

		PlannedObjectItemReader plannedReader = new PlannedObjectItemReader(runs, plans, properties.deleteChunkSize());
		SimpleAsyncTaskExecutor rangeListers = new SimpleAsyncTaskExecutor("sweep-apply-list-");
		rangeListers.setConcurrencyLimit(properties.listThreads());
		KeyRangeListing rangeListing = new KeyRangeListing(s3Client, s3Properties.bucket(), properties.pageSize(),
				properties.listThreads(), rangeListers);
		SweepApplyWriter applyWriter = new SweepApplyWriter(runs, rangeListing, deleter,
				deleteFence.getIfAvailable(() -> DeleteFence.NONE), marker, records, clock, listener,
				referencesProperties.recheckAfter(), properties.conditionalDeletes());
		Step delete = new StepBuilder("sweep-apply-delete", jobRepository)
			.<PlannedObject, PlannedObject>chunk(properties.deleteChunkSize())
			.transactionManager(transactionManager)
			.reader(plannedReader)
			.writer(applyWriter)
			.listener(plannedReader)
			.listener(applyWriter)
			.build();
		Flow apply = new FlowBuilder<SimpleFlow>("sweep-apply")
			.start(steps.always("sweep-apply-claim",
					ApplyTasklets.claim(runs, plans, records, s3Properties.keyPrefixes())))
			.next(steps.always("sweep-apply-mark", new MarkTasklet(runs, marker)))
			.next(delete)
			.next(steps.once("sweep-apply-finish", ApplyTasklets.finish(runs, plans, records, clock)))
			.build();

		JobExecutionDecider action = (jobExecution, stepExecution) -> new FlowExecutionStatus(
				String.valueOf(jobExecution.getJobParameters().getString(SweepJobParameters.ACTION))
					.toUpperCase(Locale.ROOT));
		return new JobBuilder(JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(
					new String[] { SweepJobParameters.ACTION, SweepJobParameters.LAUNCHED_AT },
					new String[] { SweepJobParameters.PREFIXES, SweepJobParameters.MIN_AGE,
							SweepJobParameters.LISTED_BEFORE, SweepJobParameters.PLAN_ID,
							SweepJobParameters.INVENTORY }))
			.listener(runs)
			.listener(new InventoryFailureListener())
			.listener(new ApplyOutcomeListener(plans))
			.start(action)
			.on("PLAN")
			.to(plan)
			.from(action)
			.on("APPLY")
			.to(apply)
			.from(action)
			.on("*")
			.fail()
			.end()
			.build();
	}

	@Bean
	SweepRuns sweepRuns() {
		return new SweepRuns();
	}

	/**
	 * Reads and checks inventory manifests (of our bucket, CSV, with the columns a plan
	 * needs, not older than {@code media-purge.sweep.inventory-max-age}).
	 */
	@Bean
	InventoryManifestReader inventoryManifestReader(S3Client s3Client, S3Properties s3Properties,
			SweepProperties properties, Clock clock) {
		return new InventoryManifestReader(s3Client, s3Properties.bucket(), properties.inventoryMaxAge(), clock);
	}

	/**
	 * The partitions of a plan's listing: one per prefix of the plan, or one per data
	 * file of its inventory.
	 */
	@Bean
	@StepScope
	Partitioner sweepListingPartitioner(SweepRuns runs, @Value("#{stepExecution}") StepExecution listing) {
		return ListingPartitions.partitioner(runs.of(listing.getJobExecution().getId()));
	}

	/**
	 * Lists the prefix, or reads the inventory file, of one partition of a plan's
	 * listing.
	 */
	@Bean
	@StepScope
	ListingPartitionReader sweepListingReader(S3Client s3Client, S3Properties s3Properties, SweepProperties properties,
			SweepRuns runs, @Value("#{stepExecution}") StepExecution partition) {
		ExecutionContext context = partition.getExecutionContext();
		SweepRun run = runs.of(partition.getJobExecution().getId());
		InventoryManifest inventory = run.inventory();
		if (context.containsKey(ListingPartitions.FILE)) {
			if (inventory == null) {
				throw new IllegalStateException("Partition " + partition.getStepName() + " reads an inventory file, "
						+ "but plan " + run.planId() + " has no inventory");
			}
			return new InventoryFileItemReader(s3Client, inventory, context.getString(ListingPartitions.FILE),
					run.prefixes());
		}
		return new BucketListingItemReader(s3Client, s3Properties.bucket(), context.getString(ListingPartitions.PREFIX),
				properties.pageSize());
	}

	/** Writes the candidates of one partition of a plan's listing. */
	@Bean
	@StepScope
	SweepPlanWriter sweepPlanWriter(SweepRuns runs, SweepPlanRecords records,
			ObjectProvider<SweepProgressListener> progressListeners) {
		return new SweepPlanWriter(runs, records, composite(progressListeners));
	}

	private static SweepProgressListener composite(ObjectProvider<SweepProgressListener> provider) {
		return new SweepProgressListener() {

			private List<SweepProgressListener> listeners() {
				return provider.orderedStream().toList();
			}

			@Override
			public void planReady(long planId) {
				listeners().forEach(listener -> listener.planReady(planId));
			}

			@Override
			public void pageListed(long planId, String prefix, int objects) {
				listeners().forEach(listener -> listener.pageListed(planId, prefix, objects));
			}

			@Override
			public void chunkApplied(long planId, Map<ApplyOutcome, Integer> outcomes) {
				listeners().forEach(listener -> listener.chunkApplied(planId, outcomes));
			}

		};
	}

	private record Steps(JobRepository jobRepository, PlatformTransactionManager transactionManager) {

		/** A step that runs again on every restart. */
		Step always(String name, Tasklet tasklet) {
			return new StepBuilder(name, this.jobRepository).tasklet(tasklet, this.transactionManager)
				.allowStartIfComplete(true)
				.build();
		}

		Step once(String name, Tasklet tasklet) {
			return new StepBuilder(name, this.jobRepository).tasklet(tasklet, this.transactionManager).build();
		}

	}

	/** An apply that kept or failed keys: exit status COMPLETED_WITH_ISSUES. */
	private record ApplyOutcomeListener(SweepPlans plans) implements JobExecutionListener {

		@Override
		public void afterJob(JobExecution execution) {
			Long planId = execution.getJobParameters().getLong(SweepJobParameters.PLAN_ID);
			if (planId == null || execution.getStatus() != BatchStatus.COMPLETED) {
				return;
			}
			Map<ApplyOutcome, Long> outcomes = this.plans.outcomes(planId);
			long issues = outcomes.entrySet()
				.stream()
				.filter(entry -> entry.getKey().isIssue())
				.mapToLong(Map.Entry::getValue)
				.sum();
			if (issues > 0) {
				execution.setExitStatus(new ExitStatus("COMPLETED_WITH_ISSUES",
						"Plan " + planId + " applied; " + issues + " keys kept or not deleted: " + outcomes));
			}
		}

	}

}
