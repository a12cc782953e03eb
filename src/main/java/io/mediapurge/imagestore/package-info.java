/**
 * The image store: which URLs name objects of our bucket, and the S3 client that deletes
 * objects in batches with per-key outcomes, retries and backoff.
 *
 * <p>
 * {@link io.mediapurge.imagestore.ImageUrlResolver} is the one place that turns a URL
 * into a delete (strict: exactly one key, or refused) and the entry point for the
 * reference side (maximal: every key a URL may show). Beneath it, {@code BucketUrlForms}
 * knows the bucket's URL forms from the configuration, {@code AwsS3Host} the grammar of
 * Amazon S3's host names, {@code UrlParts} and {@code PercentCoding} URL syntax, and
 * {@code ReferencedKeys} the maximal reading.
 * {@link io.mediapurge.imagestore.S3ImageDeleter} sends the deletes, each request within
 * the budget of its key prefix ({@link io.mediapurge.imagestore.KeyBudgets}, a
 * {@code KeyRateLimiter} per prefix).
 */
@NullMarked
package io.mediapurge.imagestore;

import org.jspecify.annotations.NullMarked;
