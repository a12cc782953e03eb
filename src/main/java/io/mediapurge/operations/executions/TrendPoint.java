package io.mediapurge.operations.executions;

import java.time.LocalDate;

/**
 * What the real (not dry) runs started on one day did, for {@code GET /api/trend}.
 *
 * @param date the day (in the server's time zone), serialized as {@code yyyy-MM-dd}
 * @param imagesDeleted images deleted
 * @param documentsPurged documents hard-deleted
 */
public record TrendPoint(LocalDate date, long imagesDeleted, long documentsPurged) {
}
