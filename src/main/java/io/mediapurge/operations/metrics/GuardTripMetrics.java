package io.mediapurge.operations.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.mediapurge.purge.PurgeProgressListener;

/**
 * Counts the blast-radius guard's refusals in
 * {@code media_purge_blast_radius_guard_trips_total{content_type}} (registered at zero
 * for every content type by {@link PurgeMetrics}): one per content type with documents
 * due in a refused run.
 */
class GuardTripMetrics implements PurgeProgressListener {

	private final MeterRegistry registry;

	GuardTripMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void guardTripped(String contentType, long due, long collectionSize) {
		Counter.builder(PurgeMetrics.GUARD_TRIPS).tag("content_type", contentType).register(this.registry).increment();
	}

}
