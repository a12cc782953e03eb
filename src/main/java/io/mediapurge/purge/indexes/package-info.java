/**
 * The indexes the purge job needs on the CMS's collections: checked when a run starts,
 * created only when asked.
 */
@NullMarked
package io.mediapurge.purge.indexes;

import org.jspecify.annotations.NullMarked;
