/**
 * Health of what the job depends on, on the management port: the CMS database answers
 * {@code ping} on MongoDB and on the in-process server of the local demo alike.
 */
@NullMarked
package io.mediapurge.operations.health;

import org.jspecify.annotations.NullMarked;
