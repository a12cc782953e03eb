package io.mediapurge.purge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.micrometer.observation.ObservationRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.catalogue.ContentTypeSpec;
import io.mediapurge.catalogue.MalformedDocumentException;
import io.mediapurge.imagestore.BucketDeleteCheck;
import io.mediapurge.imagestore.ImageUrlResolver;
import io.mediapurge.imagestore.S3ImageDeleter;
import io.mediapurge.imagestore.S3Properties;
import io.mediapurge.mongo.MongoReachability;
import io.mediapurge.purge.indexes.MongoIndexCheck;
import io.mediapurge.references.PendingKeys;
import io.mediapurge.references.ReferenceIndexBuilder;
import io.mediapurge.references.ReferencesProperties;

/**
 * The job {@code mediaPurgeJob}: one chunk-oriented step {@code purge-<content type>} per
 * spec of the catalogue, run one after another whatever the previous one's status (or
 * {@code parallel-steps} at a time), then, once they have all completed, the step
 * {@value SharedImagesTasklet#STEP_NAME} that deletes the images kept as shared that no
 * document shows any more. Each step execution gets a reader, writer and state of its own
 * ({@link PerExecutionStep}).
 *
 * <p>
 * Fault tolerance: a malformed document is skipped (up to {@code media-purge.skip-limit}
 * per step) and recorded; a transient MongoDB or database failure retries the chunk's
 * write (it is idempotent) up to {@code media-purge.write-retry-limit} times; S3 failures
 * are retried per key inside the writer ({@link S3ImageDeleter}) and never make Spring
 * Batch re-send a chunk key by key. With
 * {@code media-purge.s3.delete.max-chunks-in-flight} above 1, a chunk's back runs after
 * its write returned, and retries with the same policy on its own thread
 * ({@link ChunksInFlight}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PurgeProperties.class, GuardProperties.class, ReferencesProperties.class })
public class MediaPurgeJobConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MediaPurgeJobConfiguration.class);

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "mediaPurgeJob";

	/** Step names are this prefix plus the content type's name. */
	public static final String STEP_PREFIX = "purge-";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PurgeJournal purgeJournal(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock) {
		return new PurgeJournal(jdbcTemplate, transactionManager, clock);
	}

	@Bean
	PendingKeys pendingKeys(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock) {
		return new PendingKeys(jdbcTemplate, transactionManager, clock);
	}

	@Bean
	Job mediaPurgeJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ContentCatalogue catalogue, MongoOperations mongo, ImageUrlResolver resolver, S3ImageDeleter deleter,
			PurgeJournal journal, PurgeProperties properties, GuardProperties guardProperties,
			ReferencesProperties referencesProperties, PendingKeys pendingKeys, Clock clock,
			ObjectProvider<PurgeProgressListener> progressListeners, ObjectProvider<DryRunPlanRecorder> planRecorder,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<DeleteFence> deleteFence,
			MongoReachability mongoReachability, MongoIndexCheck indexCheck, BucketDeleteCheck bucketCheck,
			ObjectProvider<PurgeCheckpoints> checkpointsHook, S3Properties s3Properties) {
		// nothing in production; a test injects a hook, or arms the crash tests' one
		PurgeCheckpoints checkpoints = checkpointsHook.getIfAvailable(KillPoints::fromSystemProperty);
		ReferenceIndexBuilder indexBuilder = new ReferenceIndexBuilder(mongo, catalogue, resolver, referencesProperties,
				clock);
		PurgeProgressListener progress = new PurgeProgressListeners(progressListeners.orderedStream().toList());
		// Spring Batch hands the registry only to steps that are beans: these get it here
		ObservationRegistry observations = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
		DeleteFence fence = deleteFence.getIfAvailable(() -> DeleteFence.NONE);
		StepParts parts = new StepParts(jobRepository, transactionManager, mongo, resolver, deleter, journal,
				properties, clock, indexBuilder, progress, planRecorder.getIfAvailable(), observations, pendingKeys,
				fence, checkpoints, guardProperties.foreignImageRatio(), s3Properties.delete().maxChunksInFlight(),
				referencesProperties.recheckAfter());
		List<Step> steps = new ArrayList<>();
		for (ContentTypeSpec spec : catalogue.contentTypes()) {
			int chunkSize = properties.chunkSizeFor(spec);
			logger.info("Step {}{}: {} documents per chunk", STEP_PREFIX, spec.name(), chunkSize);
			steps.add(new PerExecutionStep(STEP_PREFIX + spec.name(), () -> step(spec, parts)));
		}
		Step sharedImages = new StepBuilder(SharedImagesTasklet.STEP_NAME, jobRepository)
			.tasklet(new SharedImagesTasklet(indexBuilder, pendingKeys, deleter, journal, fence,
					referencesProperties.recheckAfter(), checkpoints), transactionManager)
			.observationRegistry(observations)
			.build();
		DefaultJobParametersValidator validator = new DefaultJobParametersValidator(
				new String[] { MediaPurgeJobParameters.LAUNCHED_AT, MediaPurgeJobParameters.GRACE_PERIOD,
						MediaPurgeJobParameters.DRY_RUN },
				new String[] { MediaPurgeJobParameters.CONTENT_TYPES, MediaPurgeJobParameters.CONFIRM_DELETE_COUNT });
		// Each content type is a flow of its own inside a split: a failed step ends only
		// its flow,
		// the others still run, the split makes the job FAILED, and a restart re-runs
		// just the
		// failed steps. (Chaining steps with on("*") instead would mark a failed step
		// ABANDONED,
		// and Spring Batch never restarts an abandoned step.)
		Flow[] flows = steps.stream()
			.map(step -> new FlowBuilder<SimpleFlow>("flow-" + step.getName()).start(step).build())
			.toArray(Flow[]::new);
		Flow contentTypes = new FlowBuilder<SimpleFlow>("content-types").split(splitExecutor(properties))
			.add(flows)
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).validator(validator)
			.listener(new PurgeJobOutcomeListener(progress, jobRepository))
			// fails the run at once, with one message, when MongoDB does not answer
			.listener(mongoReachability)
			// fails a real run at once, with one message, when the bucket cannot be
			// purged
			.listener(new BucketCheckListener(bucketCheck, guardProperties.checkBucket()))
			// names (or, when asked, creates) the indexes the reader needs on each
			// collection
			.listener(indexCheck)
			// after the outcome listener: its afterJob runs first and sets the exit code
			// GUARD_TRIPPED
			.listener(new BlastRadiusGuard(catalogue, mongo, jobRepository, guardProperties, progress))
			.start(contentTypes)
			// only once every content type completed: a run that ends earlier leaves the
			// kept keys to the next run
			.next(sharedImages)
			.end()
			.build();
	}

	/**
	 * One content type after another by default; with {@code parallel-steps} above 1,
	 * that many at once on threads of their own.
	 */
	private static TaskExecutor splitExecutor(PurgeProperties properties) {
		if (properties.parallelSteps() <= 1) {
			return new SyncTaskExecutor();
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("purge-step-");
		executor.setConcurrencyLimit(properties.parallelSteps());
		return executor;
	}

	/** What every content-type step is made of, whatever its content type. */
	private record StepParts(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MongoOperations mongo, ImageUrlResolver resolver, S3ImageDeleter deleter, PurgeJournal journal,
			PurgeProperties properties, Clock clock, ReferenceIndexBuilder indexBuilder, PurgeProgressListener progress,
			@Nullable DryRunPlanRecorder planRecorder, ObservationRegistry observations, PendingKeys pendingKeys,
			DeleteFence fence, PurgeCheckpoints checkpoints, double foreignImageRatio, int maxChunksInFlight,
			Duration recheckAfter) {
	}

	/**
	 * One execution's step of a content type: its state, reader and writer are its own.
	 */
	private static Step step(ContentTypeSpec spec, StepParts parts) {
		PurgeProperties properties = parts.properties();
		RetryPolicy retryPolicy = RetryPolicy.builder()
			.includes(MongoSocketException.class, MongoTimeoutException.class, DataAccessResourceFailureException.class,
					TransientDataAccessException.class)
			.maxRetries(properties.writeRetryLimit())
			.delay(Duration.ofMillis(500))
			.multiplier(2)
			.jitter(Duration.ofMillis(250))
			.maxDelay(Duration.ofSeconds(10))
			.build();
		// a chunk's back meets the same transient failures as the write it was part of
		ChunksInFlight inFlight = new ChunksInFlight(parts.maxChunksInFlight(), spec.name(), retryPolicy);
		PurgeStepState state = new PurgeStepState(spec, parts.indexBuilder(), parts.journal(), parts.mongo(),
				parts.progress(), parts.pendingKeys(), parts.fence(), inFlight);
		int chunkSize = properties.chunkSizeFor(spec);
		return new StepBuilder(STEP_PREFIX + spec.name(), parts.jobRepository())
			.<Document, PurgeCandidate>chunk(chunkSize)
			.observationRegistry(parts.observations())
			.transactionManager(parts.transactionManager())
			.reader(new FlaggedDocumentItemReader(spec, parts.mongo(), state, chunkSize))
			.processor(new PurgeCandidateProcessor(spec, parts.resolver(), parts.checkpoints()))
			.writer(new PurgeItemWriter(spec, parts.mongo(), parts.deleter(), parts.journal(), state,
					new ReferenceCountCheck(state, parts.recheckAfter()), parts.checkpoints(), properties.maxAttempts(),
					parts.clock(), parts.planRecorder(), inFlight))
			.listener((StepExecutionListener) state)
			// before the reader opens: fails the step when its due images are not of this
			// bucket
			.listener(new ForeignImageGuard(spec, parts.mongo(), parts.resolver(), parts.foreignImageRatio()))
			.faultTolerant()
			.skip(MalformedDocumentException.class)
			.skipLimit(properties.skipLimit())
			.skipListener(state)
			.retryPolicy(retryPolicy)
			.build();
	}

}
