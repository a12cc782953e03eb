/**
 * The content catalogue: one declarative spec per content type (read from
 * {@code jobs/*.yaml}), its validation, and the extraction of image URLs from a document
 * of that type.
 *
 * <p>
 * Nothing here talks to MongoDB or S3, so the purge job, an orphan sweep and remote
 * partition workers can all share it unchanged.
 */
@NullMarked
package io.mediapurge.catalogue;

import org.jspecify.annotations.NullMarked;
