/**
 * The CMS's MongoDB as the jobs use it: the client's server-selection timeout, which
 * bounds how long any operation waits for a server, and the check that fails a run at
 * once, with one message, when no server answers.
 */
@NullMarked
package io.mediapurge.mongo;

import org.jspecify.annotations.NullMarked;
