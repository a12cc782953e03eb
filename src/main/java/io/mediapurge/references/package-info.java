/**
 * Who shows which key of the bucket: the snapshot a step counts when it starts, caught up
 * before each decision on every document written since ({@link References}), and the keys
 * kept only because of documents purged in the same run, rechecked before the run ends
 * ({@link PendingKeys}). Used by the purge job; depends only on the catalogue and the
 * image store.
 */
@NullMarked
package io.mediapurge.references;

import org.jspecify.annotations.NullMarked;
