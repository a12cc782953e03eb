/**
 * Access control of the long-running mode: the users of
 * {@code media-purge.security.users}, a viewer role that reads and an operator role that
 * acts, form login for the dashboard, HTTP Basic for API clients, and the management port
 * left to probes and scrapers.
 */
@NullMarked
package io.mediapurge.operations.security;

import org.jspecify.annotations.NullMarked;
