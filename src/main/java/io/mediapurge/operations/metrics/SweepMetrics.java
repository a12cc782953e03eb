package io.mediapurge.operations.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.mediapurge.sweep.SweepProgressListener;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The orphan sweep's metrics: what the latest plan found, and what applies did.
 * <ul>
 * <li>{@code media_purge_sweep_orphan_objects{prefix}} and
 * {@code media_purge_sweep_orphan_bytes{prefix}}: candidates and the bytes they hold, as
 * of the latest plan made by this process</li>
 * <li>{@code media_purge_sweep_dangling_references{content_type}}: the dangling
 * references that plan recorded</li>
 * <li>{@code media_purge_sweep_apply_keys_total{outcome}}: keys applies decided, by
 * outcome ({@code deleted}, {@code gone}, {@code kept_changed}, {@code kept_referenced},
 * {@code failed}), counted when a chunk's deletes are confirmed</li>
 * </ul>
 */
public class SweepMetrics implements SweepProgressListener {

	public static final String ORPHAN_OBJECTS = "media.purge.sweep.orphan.objects";

	public static final String ORPHAN_BYTES = "media.purge.sweep.orphan.bytes";

	public static final String DANGLING = "media.purge.sweep.dangling.references";

	public static final String APPLY_KEYS = "media.purge.sweep.apply.keys";

	private static final String ORPHAN_OBJECTS_HELP = "Orphan candidates of the latest sweep plan";

	private static final String ORPHAN_BYTES_HELP = "Bytes the latest sweep plan's candidates hold";

	private static final String DANGLING_HELP = "Dangling references the latest sweep plan recorded";

	private final MeterRegistry registry;

	private final SweepPlans plans;

	private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

	SweepMetrics(MeterRegistry registry, SweepPlans plans, List<String> keyPrefixes, List<String> contentTypes) {
		this.registry = registry;
		this.plans = plans;
		for (ApplyOutcome outcome : ApplyOutcome.values()) {
			counter(outcome);
		}
		// at zero from the start, so a fresh process exports them before its first plan
		keyPrefixes.forEach(prefix -> {
			gauge(ORPHAN_OBJECTS, "prefix", prefix, ORPHAN_OBJECTS_HELP);
			gauge(ORPHAN_BYTES, "prefix", prefix, ORPHAN_BYTES_HELP);
		});
		contentTypes.forEach(contentType -> gauge(DANGLING, "content_type", contentType, DANGLING_HELP));
	}

	@Override
	public void planReady(long planId) {
		SweepPlan plan = this.plans.get(planId);
		// a prefix or content type the latest plan no longer has reads zero
		this.gauges.values().forEach(value -> value.set(0));
		for (PrefixTotals totals : plan.totals()) {
			gauge(ORPHAN_OBJECTS, "prefix", totals.prefix(), ORPHAN_OBJECTS_HELP).set(totals.orphanObjects());
			gauge(ORPHAN_BYTES, "prefix", totals.prefix(), ORPHAN_BYTES_HELP).set(totals.orphanBytes());
		}
		this.plans.danglingByContentType(planId)
			.forEach((contentType, count) -> gauge(DANGLING, "content_type", contentType, DANGLING_HELP).set(count));
	}

	@Override
	public void chunkApplied(long planId, Map<ApplyOutcome, Integer> outcomes) {
		outcomes.forEach((outcome, count) -> counter(outcome).increment(count));
	}

	private Counter counter(ApplyOutcome outcome) {
		return Counter.builder(APPLY_KEYS)
			.description("Keys of sweep plans applies decided, by outcome")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	private AtomicLong gauge(String name, String tag, String value, String description) {
		return this.gauges.computeIfAbsent(name + "|" + value, key -> {
			AtomicLong holder = new AtomicLong();
			Gauge.builder(name, holder, AtomicLong::get)
				.description(description)
				.tag(tag, value)
				.register(this.registry);
			return holder;
		});
	}

}
