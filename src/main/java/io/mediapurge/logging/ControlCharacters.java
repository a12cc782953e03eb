package io.mediapurge.logging;

/**
 * Escapes the characters that could break a log line or fool the terminal that shows it:
 * the C0 and C1 control characters (CR, LF, tab, escape, NEL...), the Unicode line and
 * paragraph separators and the bidirectional overrides. CR, LF and tab become {@code \r},
 * {@code \n} and {@code \t}, the others {@code \}{@code uXXXX}. Everything else,
 * backslashes included, is kept as it is, so an ordinary message reads the same.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * @param text any text, possibly from outside
	 * @return the text on one line, with nothing a terminal would act on
	 */
	public static String escape(String text) {
		int first = firstToEscape(text);
		if (first < 0) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!needsEscape(c)) {
				escaped.append(c);
			}
			else if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c == '\r') {
				escaped.append("\\r");
			}
			else if (c == '\t') {
				escaped.append("\\t");
			}
			else {
				escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return escaped.toString();
	}

	private static int firstToEscape(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (needsEscape(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean needsEscape(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
