package io.mediapurge.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} (Spring Boot's stack traces, with the jar of each frame): the stack trace
 * keeps its lines, but the message of each exception, its causes and its suppressed
 * exceptions has its control characters escaped. An exception message quoting a document
 * id could otherwise add a line that looks like a log event of its own.
 */
public class EscapedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy throwable) {
		return super.throwableProxyToString(new Escaped(throwable));
	}

	/** The same exception, its messages escaped, down its causes and suppressed ones. */
	private record Escaped(IThrowableProxy delegate) implements IThrowableProxy {

		@Override
		public @Nullable String getMessage() {
			String message = this.delegate.getMessage();
			return (message != null) ? ControlCharacters.escape(message) : null;
		}

		@Override
		public @Nullable String getOverridingMessage() {
			String message = this.delegate.getOverridingMessage();
			return (message != null) ? ControlCharacters.escape(message) : null;
		}

		@Override
		public String getClassName() {
			return this.delegate.getClassName();
		}

		@Override
		public StackTraceElementProxy[] getStackTraceElementProxyArray() {
			return this.delegate.getStackTraceElementProxyArray();
		}

		@Override
		public int getCommonFrames() {
			return this.delegate.getCommonFrames();
		}

		@Override
		public @Nullable IThrowableProxy getCause() {
			IThrowableProxy cause = this.delegate.getCause();
			return (cause != null) ? new Escaped(cause) : null;
		}

		@Override
		public IThrowableProxy[] getSuppressed() {
			IThrowableProxy[] suppressed = this.delegate.getSuppressed();
			if (suppressed == null) {
				return new IThrowableProxy[0];
			}
			IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
			for (int i = 0; i < suppressed.length; i++) {
				escaped[i] = new Escaped(suppressed[i]);
			}
			return escaped;
		}

		@Override
		public boolean isCyclic() {
			return this.delegate.isCyclic();
		}

	}

}
