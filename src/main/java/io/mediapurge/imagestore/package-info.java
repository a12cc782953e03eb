/**
 * The image store: the one place that decides whether a URL names an object in our bucket
 * ({@link io.mediapurge.imagestore.ImageUrlResolver}), and the S3 client that deletes
 * objects in batches with per-key outcomes, retries and backoff.
 */
@NullMarked
package io.mediapurge.imagestore;

import org.jspecify.annotations.NullMarked;
