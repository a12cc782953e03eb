/**
 * How media-purge writes its log: one event, one line. Every message and every exception
 * message has its control characters escaped (a line feed becomes {@code \n}), so text
 * that comes from CMS documents or from a request (a document id, a URL, a user name) can
 * never start a line of its own that looks like another log event. Configured in
 * {@code logback-spring.xml}.
 */
@NullMarked
package io.mediapurge.logging;

import org.jspecify.annotations.NullMarked;
