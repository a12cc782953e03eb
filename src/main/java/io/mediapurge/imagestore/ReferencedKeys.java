package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.mediapurge.imagestore.UrlReading.Kind;

/**
 * Which keys of our bucket a URL may show, read maximally: a key read too generously only
 * keeps an image, a key missed deletes the image of a live page. Every reading counts:
 * the URL as written and as a browser reads it; every scheme and every form of
 * {@link BucketUrlForms}, whatever the port, userinfo or region; the path with and
 * without its query and fragment, with dot segments as written and resolved, with runs of
 * slashes as written and merged; the key as written, decoded once and twice, '+' as
 * written and as a space, {@code %2F} decoded and kept.
 *
 * <p>
 * It runs for every URL of every document, so a URL with nothing to vary (no
 * percent-encoding, '+', backslash, query, fragment, dot segment, whitespace or odd
 * authority) takes a short path with one lookup and no decoding.
 */
final class ReferencedKeys {

	private static final boolean[] BOTH = { true, false };

	private static final boolean[] NO = { false };

	private final BucketUrlForms forms;

	ReferencedKeys(BucketUrlForms forms) {
		this.forms = forms;
	}

	Set<String> of(String url) {
		Set<String> keys = plainUrlKeys(url);
		return (keys != null) ? keys : ofAnyUrl(url);
	}

	/** Every reading, without the short path: the tests compare both. */
	Set<String> ofAnyUrl(String url) {
		Set<String> keys = new LinkedHashSet<>();
		String stripped = UrlParts.stripC0AndSpace(url);
		addKeysOf(stripped, keys);
		String browserReading = UrlParts.browserReading(url);
		if (!browserReading.equals(stripped)) {
			addKeysOf(browserReading, keys);
		}
		return keys;
	}

	private void addKeysOf(String url, Set<String> keys) {
		UrlParts parts = UrlParts.parse(url);
		List<String> hosts = hostReadings(parts);
		for (String path : pathReadings(parts)) {
			if (!parts.hasAuthority()) {
				if (parts.scheme() == null && path.startsWith("/")) {
					addKeysOf(this.forms.siteRelativeReadings(path, true), keys);
				}
				continue;
			}
			for (String host : hosts) {
				addKeysOf(this.forms.readings(parts.scheme(), host, path, true), keys);
			}
		}
	}

	private static void addKeysOf(List<UrlReading> readings, Set<String> keys) {
		for (UrlReading reading : readings) {
			if (reading.kind() != Kind.OTHER_BUCKET) {
				addKeyReadings(reading.encodedKey(), keys);
			}
		}
	}

	private static List<String> hostReadings(UrlParts parts) {
		String host = parts.normalizedHost();
		if (host == null) {
			return List.of();
		}
		if (host.indexOf('%') < 0) {
			return List.of(host);
		}
		return List.of(host, PercentCoding.decodeLeniently(host, false, false).toLowerCase(Locale.ROOT));
	}

	private static Set<String> pathReadings(UrlParts parts) {
		String path = parts.path();
		boolean dots = UrlParts.mayHaveDotSegments(path);
		boolean slashRuns = path.contains("//");
		if (!dots && !slashRuns && parts.query() == null && parts.fragment() == null) {
			return Set.of(path);
		}
		Set<String> paths = new LinkedHashSet<>();
		String query = (parts.query() != null) ? "?" + parts.query() : "";
		String fragment = (parts.fragment() != null) ? "#" + parts.fragment() : "";
		for (String variant : dots ? List.of(path, UrlParts.removeDotSegments(path)) : List.of(path)) {
			// a proxy that merges runs of slashes (nginx's default) reads another path
			String merged = slashRuns ? variant.replaceAll("/{2,}", "/") : variant;
			for (String base : slashRuns ? List.of(variant, merged) : List.of(variant)) {
				// a '?' or '#' the CMS did not encode may be part of the key
				paths.add(base);
				paths.add(base + query);
				paths.add(base + query + fragment);
			}
		}
		return paths;
	}

	private static void addKeyReadings(String raw, Set<String> keys) {
		if (raw.isEmpty()) {
			return;
		}
		keys.add(raw);
		boolean percent = raw.indexOf('%') >= 0;
		boolean plus = raw.indexOf('+') >= 0;
		if (!percent && !plus) {
			return;
		}
		boolean encodedSlash = percent && (raw.contains("%2F") || raw.contains("%2f"));
		for (boolean plusAsSpace : plus ? BOTH : NO) {
			addDecodings(PercentCoding.decodeLeniently(raw, plusAsSpace, false), keys);
			if (encodedSlash) {
				addDecodings(PercentCoding.decodeLeniently(raw, plusAsSpace, true), keys);
			}
		}
	}

	/** The key decoded once, and decoded again for a CMS that encoded it twice. */
	private static void addDecodings(String decoded, Set<String> keys) {
		addIfNotEmpty(decoded, keys);
		boolean percent = decoded.indexOf('%') >= 0;
		boolean plus = decoded.indexOf('+') >= 0;
		if (percent || plus) {
			addIfNotEmpty(PercentCoding.decodeLeniently(decoded, false, false), keys);
			if (plus) {
				addIfNotEmpty(PercentCoding.decodeLeniently(decoded, true, false), keys);
			}
		}
	}

	private static void addIfNotEmpty(String key, Set<String> keys) {
		if (!key.isEmpty()) {
			keys.add(key);
		}
	}

	/**
	 * The keys of an http(s) or scheme-relative URL with a plain lower-case host and a
	 * path with nothing to vary, or {@code null} when the URL needs every reading.
	 */
	private @Nullable Set<String> plainUrlKeys(String url) {
		String scheme;
		int hostStart;
		if (url.startsWith("https://")) {
			scheme = "https";
			hostStart = 8;
		}
		else if (url.startsWith("http://")) {
			scheme = "http";
			hostStart = 7;
		}
		else if (url.startsWith("//")) {
			scheme = null;
			hostStart = 2;
		}
		else {
			return null;
		}
		int length = url.length();
		int pathStart = hostStart;
		for (; pathStart < length && url.charAt(pathStart) != '/'; pathStart++) {
			char c = url.charAt(pathStart);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
				return null;
			}
		}
		if (pathStart == hostStart || pathStart == length || url.charAt(pathStart - 1) == '.') {
			return null;
		}
		for (int i = pathStart; i < length; i++) {
			char c = url.charAt(i);
			if (c <= ' ' || c == 0x7f || c == '%' || c == '+' || c == '\\' || c == '?' || c == '#'
					|| (c == '/' && i + 1 < length && (url.charAt(i + 1) == '.' || url.charAt(i + 1) == '/'))) {
				return null;
			}
		}
		List<UrlReading> readings = this.forms.readings(scheme, url.substring(hostStart, pathStart),
				url.substring(pathStart), true);
		if (readings.size() == 1) {
			UrlReading reading = readings.get(0);
			return (reading.kind() == Kind.OTHER_BUCKET || reading.encodedKey().isEmpty()) ? Set.of()
					: Set.of(reading.encodedKey());
		}
		Set<String> keys = new LinkedHashSet<>();
		addKeysOf(readings, keys);
		return keys;
	}

}
