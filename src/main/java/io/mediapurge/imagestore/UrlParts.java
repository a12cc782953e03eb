package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A URL split the way RFC 3986 (appendix B) splits any string, plus the reading a browser
 * gives it. Nothing is decoded here.
 *
 * @param scheme the scheme in lower case, or {@code null} for a relative reference
 * @param userInfo what precedes the last '@' of the authority, if any
 * @param host the host as written (case kept), or {@code null} without an authority
 * @param port the port as written after the host's ':', if any
 * @param path the path, possibly empty
 * @param query what follows the first '?' (without it), if any
 * @param fragment what follows the first '#' (without it), if any
 */
record UrlParts(@Nullable String scheme, @Nullable String userInfo, @Nullable String host, @Nullable String port,
		String path, @Nullable String query, @Nullable String fragment) {

	/**
	 * '..' as browsers read it, also with one or both dots percent-encoded (WHATWG URL).
	 */
	private static final Pattern DOUBLE_DOT = Pattern.compile("(?:\\.|%2e){2}", Pattern.CASE_INSENSITIVE);

	/** '.' as browsers read it. */
	private static final Pattern SINGLE_DOT = Pattern.compile("\\.|%2e", Pattern.CASE_INSENSITIVE);

	boolean hasAuthority() {
		return this.host != null;
	}

	/**
	 * The port as a number.
	 * @return the port, -1 when none is written
	 * @throws IllegalArgumentException when it is not a number
	 */
	int portNumber() {
		if (this.port == null) {
			return -1;
		}
		if (this.port.isEmpty() || this.port.length() > 5 || !this.port.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("invalid port '" + this.port + "'");
		}
		return Integer.parseInt(this.port);
	}

	/**
	 * The host in lower case without the trailing dot of a fully qualified name.
	 * @return the host, or {@code null} without an authority
	 */
	@Nullable String normalizedHost() {
		if (this.host == null) {
			return null;
		}
		String lower = this.host.toLowerCase(Locale.ROOT);
		return (lower.length() > 1 && lower.endsWith(".")) ? lower.substring(0, lower.length() - 1) : lower;
	}

	static UrlParts parse(String url) {
		int length = url.length();
		String scheme = null;
		int i = 0;
		int colon = indexOfAny(url, ":/?#", 0);
		if (colon > 0 && url.charAt(colon) == ':' && isScheme(url, colon)) {
			scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
			i = colon + 1;
		}
		String userInfo = null;
		String host = null;
		String port = null;
		if (url.startsWith("//", i)) {
			int end = indexOfAny(url, "/?#", i + 2);
			end = (end < 0) ? length : end;
			String authority = url.substring(i + 2, end);
			int at = authority.lastIndexOf('@');
			if (at >= 0) {
				userInfo = authority.substring(0, at);
				authority = authority.substring(at + 1);
			}
			int portColon = authority.lastIndexOf(':');
			if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
				port = authority.substring(portColon + 1);
				authority = authority.substring(0, portColon);
			}
			host = authority;
			i = end;
		}
		int queryStart = url.indexOf('?', i);
		int fragmentStart = url.indexOf('#', i);
		if (queryStart > fragmentStart && fragmentStart >= 0) {
			queryStart = -1;
		}
		int pathEnd = (queryStart >= 0) ? queryStart : (fragmentStart >= 0) ? fragmentStart : length;
		String path = url.substring(i, pathEnd);
		String query = (queryStart >= 0) ? url.substring(queryStart + 1, (fragmentStart >= 0) ? fragmentStart : length)
				: null;
		String fragment = (fragmentStart >= 0) ? url.substring(fragmentStart + 1) : null;
		return new UrlParts(scheme, userInfo, host, port, path, query, fragment);
	}

	/**
	 * The URL as a browser reads it (WHATWG URL): surrounding spaces and control
	 * characters dropped, tabs and newlines removed, and for http(s) and scheme-relative
	 * URLs a backslash read as a slash and any run of slashes after the scheme read as
	 * its "//" ({@code https:cdn.example.com/x} and {@code https:\\cdn.example.com\x}
	 * both reach cdn.example.com).
	 * @param url a URL as a document holds it
	 * @return the browser's reading, the same string when nothing changes
	 */
	static String browserReading(String url) {
		String reading = stripC0AndSpace(url);
		if (reading.indexOf('\t') >= 0 || reading.indexOf('\n') >= 0 || reading.indexOf('\r') >= 0) {
			reading = reading.replace("\t", "").replace("\n", "").replace("\r", "");
		}
		int rest;
		if (reading.regionMatches(true, 0, "https:", 0, 6)) {
			rest = 6;
		}
		else if (reading.regionMatches(true, 0, "http:", 0, 5)) {
			rest = 5;
		}
		else if (reading.startsWith("/") || reading.startsWith("\\")) {
			rest = 0;
		}
		else {
			return reading;
		}
		int end = indexOfAny(reading, "?#", rest);
		end = (end < 0) ? reading.length() : end;
		int backslash = reading.indexOf('\\', rest);
		if ((backslash < 0 || backslash > end) && reading.startsWith((rest == 0) ? "/" : "//", rest)
				&& !reading.startsWith("///", rest)) {
			// the common case: nothing a browser reads otherwise
			return reading;
		}
		String beforeQuery = reading.substring(rest, end).replace('\\', '/');
		int slashes = 0;
		while (slashes < beforeQuery.length() && beforeQuery.charAt(slashes) == '/') {
			slashes++;
		}
		// a site-relative path keeps its one slash; two or more start an authority
		String separator = (rest == 0 && slashes == 1) ? "/" : "//";
		return reading.substring(0, rest) + separator + beforeQuery.substring(slashes) + reading.substring(end);
	}

	/**
	 * Drops what a browser drops around a URL: C0 control characters and spaces.
	 * @param url a URL
	 * @return it without them
	 */
	static String stripC0AndSpace(String url) {
		int start = 0;
		int end = url.length();
		while (start < end && url.charAt(start) <= ' ') {
			start++;
		}
		while (end > start && url.charAt(end - 1) <= ' ') {
			end--;
		}
		return (start == 0 && end == url.length()) ? url : url.substring(start, end);
	}

	private static boolean isScheme(String url, int end) {
		if (!isAsciiLetter(url.charAt(0))) {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char c = url.charAt(i);
			if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	static int indexOfAny(String text, String chars, int from) {
		for (int i = from; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @param segment a path segment as written
	 * @return whether a browser reads it as '.' or '..'
	 */
	static boolean isDotSegment(String segment) {
		// a dot segment is '.', '..' or their percent-encoded forms: at most six
		// characters, starting with '.' or '%' (a quick test that spares the regular
		// expressions for almost every segment)
		if (segment.isEmpty() || segment.length() > 6 || !startsDotLike(segment, 0)) {
			return false;
		}
		return SINGLE_DOT.matcher(segment).matches() || DOUBLE_DOT.matcher(segment).matches();
	}

	private static boolean startsDotLike(String path, int index) {
		return index < path.length() && (path.charAt(index) == '.' || path.charAt(index) == '%');
	}

	/**
	 * A quick test before {@link #removeDotSegments(String)}: false when the path
	 * certainly has no '.' or '..' segment.
	 * @param path a path
	 * @return whether it may have one
	 */
	static boolean mayHaveDotSegments(String path) {
		for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
			if (i + 1 < path.length() && (path.charAt(i + 1) == '.' || path.charAt(i + 1) == '%')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Resolves '.' and '..' segments the way a browser does (RFC 3986 section 5.2.4, with
	 * WHATWG's percent-encoded dots).
	 * @param path a path starting with '/'
	 * @return the path as a browser requests it
	 */
	static String removeDotSegments(String path) {
		// only a segment that starts with '.' or '%' can be a dot segment: without one,
		// the path stays as it is
		boolean candidate = startsDotLike(path, 0);
		for (int i = path.indexOf('/'); !candidate && i >= 0; i = path.indexOf('/', i + 1)) {
			candidate = startsDotLike(path, i + 1);
		}
		if (!candidate) {
			return path;
		}
		String[] segments = path.split("/", -1);
		List<String> out = new ArrayList<>(segments.length);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if (DOUBLE_DOT.matcher(segment).matches()) {
				if (out.size() > 1) {
					out.remove(out.size() - 1);
				}
				if (last) {
					out.add("");
				}
			}
			else if (SINGLE_DOT.matcher(segment).matches()) {
				if (last) {
					out.add("");
				}
			}
			else {
				out.add(segment);
			}
		}
		return String.join("/", out);
	}

}
