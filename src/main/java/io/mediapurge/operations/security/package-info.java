/**
 * Access control of the long-running mode: the users of
 * {@code media-purge.security.users}, a viewer role that reads and an operator role that
 * acts, media-purge's own sign-in page for the dashboard, HTTP Basic for API clients, a
 * CSRF token bound to the session and read from a header, failed sign-ins logged, counted
 * and throttled before any password is checked, and the management port left to probes
 * and scrapers with nothing else on it.
 */
@NullMarked
package io.mediapurge.operations.security;

import org.jspecify.annotations.NullMarked;
