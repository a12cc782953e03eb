package io.mediapurge.operations.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.mediapurge.catalogue.ContentCatalogue;
import io.mediapurge.purge.PurgeProgressListener;
import io.mediapurge.purge.PurgeSummary;

/**
 * The purge job's domain counters, tagged by content type, counted per chunk once its
 * writes succeeded (so a retried chunk is counted once). Dry runs count under
 * {@code dry_run="true"}: what they would have done, never a deletion.
 *
 * <p>
 * The counters without a reason are registered at zero for every content type at start,
 * so {@code increase()} sees the first document of a fresh process.
 */
public class PurgeMetrics implements PurgeProgressListener {

	/** {@code media_purge_documents_total{content_type, outcome, dry_run}}. */
	public static final String DOCUMENTS = "media.purge.documents";

	/**
	 * {@code media_purge_document_reasons_total{content_type, outcome, reason, dry_run}}.
	 */
	public static final String DOCUMENT_REASONS = "media.purge.document.reasons";

	/** {@code media_purge_images_total{content_type, outcome, dry_run}}. */
	public static final String IMAGES = "media.purge.images";

	/** {@code media_purge_s3_requests_total{content_type}}. */
	public static final String S3_REQUESTS = "media.purge.s3.requests";

	/** {@code media_purge_quarantined_documents{content_type}}, a gauge. */
	public static final String QUARANTINED = "media.purge.quarantined.documents";

	/**
	 * {@code media_purge_blast_radius_guard_trips_total{content_type}}: runs the
	 * blast-radius guard refused before deleting anything, by the content type that
	 * tripped it.
	 */
	public static final String GUARD_TRIPS = "media.purge.blast.radius.guard.trips";

	static final List<String> DOCUMENT_OUTCOMES = List.of("purged", "skipped", "blocked", "restored", "quarantined");

	static final List<String> IMAGE_OUTCOMES = List.of("deleted", "shared", "external", "other_bucket",
			"already_absent", "failed");

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> quarantined = new ConcurrentHashMap<>();

	public PurgeMetrics(MeterRegistry registry, ContentCatalogue catalogue) {
		this.registry = registry;
		for (String contentType : catalogue.names()) {
			for (boolean dryRun : new boolean[] { false, true }) {
				DOCUMENT_OUTCOMES.forEach(outcome -> documents(contentType, outcome, dryRun));
				IMAGE_OUTCOMES.forEach(outcome -> images(contentType, outcome, dryRun));
			}
			s3Requests(contentType);
			Counter.builder(GUARD_TRIPS)
				.description("Runs the blast-radius guard refused before deleting anything")
				.tag("content_type", contentType)
				.register(registry);
			quarantinedGauge(contentType);
		}
	}

	@Override
	public void chunkWritten(String contentType, boolean dryRun, PurgeSummary chunk) {
		documents(contentType, "purged", dryRun).increment(chunk.documentsPurged());
		documents(contentType, "blocked", dryRun).increment(chunk.documentsBlocked());
		documents(contentType, "restored", dryRun).increment(chunk.documentsRestored());
		documents(contentType, "quarantined", dryRun).increment(chunk.documentsQuarantined());
		chunk.blockReasons().forEach((reason, n) -> reasons(contentType, "blocked", reason, dryRun).increment(n));
		images(contentType, "deleted", dryRun).increment(chunk.imagesDeleted());
		images(contentType, "shared", dryRun).increment(chunk.imagesShared());
		images(contentType, "external", dryRun).increment(chunk.imagesExternal());
		images(contentType, "other_bucket", dryRun).increment(chunk.imagesOtherBucket());
		images(contentType, "already_absent", dryRun).increment(chunk.imagesAlreadyAbsent());
		images(contentType, "failed", dryRun).increment(chunk.imagesFailed());
		s3Requests(contentType).increment(chunk.s3Requests());
	}

	@Override
	public void documentSkipped(String contentType, boolean dryRun, String reasonCode) {
		documents(contentType, "skipped", dryRun).increment();
		reasons(contentType, "skipped", reasonCode, dryRun).increment();
	}

	@Override
	public void stepEnded(String contentType, boolean dryRun, PurgeSummary step) {
		quarantinedGauge(contentType).set(step.documentsQuarantined());
	}

	private Counter documents(String contentType, String outcome, boolean dryRun) {
		return Counter.builder(DOCUMENTS)
			.description("Soft-deleted documents by what happened to them (dry_run=true: what would have)")
			.tags("content_type", contentType, "outcome", outcome, "dry_run", Boolean.toString(dryRun))
			.register(this.registry);
	}

	private Counter reasons(String contentType, String outcome, String reason, boolean dryRun) {
		return Counter.builder(DOCUMENT_REASONS)
			.description("Skipped and blocked documents by reason code")
			.tags("content_type", contentType, "outcome", outcome, "reason", reason, "dry_run",
					Boolean.toString(dryRun))
			.register(this.registry);
	}

	private Counter images(String contentType, String outcome, boolean dryRun) {
		return Counter.builder(IMAGES)
			.description("Image keys by what happened to them (dry_run=true: what would have)")
			.tags("content_type", contentType, "outcome", outcome, "dry_run", Boolean.toString(dryRun))
			.register(this.registry);
	}

	private Counter s3Requests(String contentType) {
		return Counter.builder(S3_REQUESTS)
			.description("DeleteObjects requests sent to S3, retries included")
			.tag("content_type", contentType)
			.register(this.registry);
	}

	private AtomicLong quarantinedGauge(String contentType) {
		return this.quarantined.computeIfAbsent(contentType, name -> {
			// unknown (NaN) until this process has run the content type's step
			AtomicLong value = new AtomicLong(-1);
			Gauge.builder(QUARANTINED, value, gauge -> (gauge.get() < 0) ? Double.NaN : gauge.get())
				.description("Documents in quarantine, as counted by the content type's last step (NaN: none yet)")
				.tag("content_type", name)
				.register(this.registry);
			return value;
		});
	}

}
