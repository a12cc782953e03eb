/**
 * Operating the purge job, one package per capability. At the bottom: {@code lease} (at
 * most one run at a time), {@code launch} (start, restart, stop, recover, abandon) on top
 * of it, and {@code executions} (the read model). Above them: {@code cli}, {@code api},
 * {@code schedule}, {@code shutdown}; beside them: {@code metrics}, {@code plan},
 * {@code health}, {@code housekeeping}, {@code security} (the command line and the API
 * also use {@code plan} and {@code metrics}). No package imports one that imports it
 * back.
 */
@NullMarked
package io.mediapurge.operations;

import org.jspecify.annotations.NullMarked;
