package io.mediapurge.imagestore;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageReference.Suspicious;

/**
 * The one place that turns an image URL into an S3 key of our bucket, and a key back into
 * URLs.
 *
 * <p>
 * The rule is strict: a URL becomes a key only when its scheme and host are exactly one
 * of the bucket's own forms (virtual-hosted and path-style S3 URLs for the configured
 * region or endpoint, {@code s3://bucket/key}, and the configured public base URLs), its
 * path lies under that form's prefix, and nothing about it is odd. A URL of any other
 * host or bucket is {@link External} and left alone. A URL on our host with userinfo, a
 * foreign port, a query or fragment, empty or dot segments (also percent-encoded, also
 * double-encoded), encoded slashes, backslashes, control characters, bad
 * percent-encoding, or a key outside the configured prefixes is {@link Suspicious}: never
 * deleted. Each path segment is percent-decoded exactly once, and a key is never
 * normalised into another key.
 */
public final class ImageUrlResolver {

	/**
	 * RFC 3986, appendix B: splits any string into scheme, authority, path, query and
	 * fragment.
	 */
	private static final Pattern URI_PARTS = Pattern
		.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(\\?[^#]*)?(#.*)?$", Pattern.DOTALL);

	private static final Pattern DOUBLE_ENCODED = Pattern.compile("%(2e|2f|5c|25)", Pattern.CASE_INSENSITIVE);

	/**
	 * '..' as browsers read it, also with one or both dots percent-encoded (WHATWG URL).
	 */
	private static final Pattern DOUBLE_DOT = Pattern.compile("(?:\\.|%2e){2}", Pattern.CASE_INSENSITIVE);

	/** '.' as browsers read it. */
	private static final Pattern SINGLE_DOT = Pattern.compile("\\.|%2e", Pattern.CASE_INSENSITIVE);

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final int MAX_KEY_BYTES = 1024;

	/**
	 * One URL form of the bucket: URL = scheme://host[:port] + pathPrefix + encoded key.
	 */
	private record Base(String scheme, String host, int port, String pathPrefix) {

		boolean matchesPort(int urlPort, String urlScheme) {
			if (urlPort == this.port) {
				return true;
			}
			int effective = (this.port != -1) ? this.port : defaultPort(this.scheme);
			return urlPort == -1 ? effective == defaultPort(urlScheme) : urlPort == effective;
		}

		String url(String encodedKey) {
			return this.scheme + "://" + this.host + ((this.port != -1) ? ":" + this.port : "") + this.pathPrefix
					+ encodedKey;
		}

	}

	private final String bucket;

	private final List<Base> bases;

	private final List<String> keyPrefixes;

	public ImageUrlResolver(S3Properties properties) {
		this.bucket = properties.bucket();
		this.keyPrefixes = List.copyOf(properties.keyPrefixes());
		this.bases = List.copyOf(bases(properties));
	}

	private static List<Base> bases(S3Properties properties) {
		String bucket = properties.bucket();
		List<Base> bases = new ArrayList<>();
		for (URI publicBase : properties.publicBaseUrls()) {
			bases.add(baseOf(publicBase, ""));
		}
		URI endpoint = properties.endpoint();
		if (endpoint != null) {
			bases.add(baseOf(endpoint, bucket + "/"));
			String host = endpoint.getHost().toLowerCase(Locale.ROOT);
			if (!isIpAddress(host) && !"localhost".equals(host)) {
				bases.add(new Base(endpoint.getScheme().toLowerCase(Locale.ROOT), bucket + "." + host,
						endpoint.getPort(), pathOf(endpoint)));
			}
		}
		else {
			String region = properties.region();
			List<String> s3Hosts = List.of("s3." + region + ".amazonaws.com", "s3-" + region + ".amazonaws.com",
					"s3.dualstack." + region + ".amazonaws.com", "s3.amazonaws.com");
			for (String scheme : List.of("https", "http")) {
				for (String host : s3Hosts) {
					bases.add(new Base(scheme, bucket + "." + host, -1, "/"));
					bases.add(new Base(scheme, host, -1, "/" + bucket + "/"));
				}
			}
		}
		bases.add(new Base("s3", bucket, -1, "/"));
		return bases;
	}

	private static Base baseOf(URI uri, String suffix) {
		if (uri.getScheme() == null || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
				|| uri.getUserInfo() != null) {
			throw new IllegalArgumentException(
					"'" + uri + "' must be an absolute http(s) URL without userinfo, query or fragment");
		}
		return new Base(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
				pathOf(uri) + suffix);
	}

	private static String pathOf(URI uri) {
		String path = (uri.getRawPath() == null) ? "" : uri.getRawPath();
		return path.endsWith("/") ? path : path + "/";
	}

	/**
	 * Decides what a URL refers to. Never throws.
	 * @param url a URL as a document holds it
	 * @return an object of our bucket, an external URL, or a suspicious URL with the
	 * reason
	 */
	public ImageReference resolve(String url) {
		String stripped = url.strip();
		if (!stripped.equals(url)) {
			ImageReference inner = resolve(stripped);
			if (inner instanceof External) {
				return new External(url);
			}
			return new Suspicious(url,
					(inner instanceof Suspicious suspicious) ? suspicious.reason() : "whitespace around the URL");
		}
		Matcher parts = URI_PARTS.matcher(url);
		if (!parts.matches()) {
			return new External(url);
		}
		String scheme = (parts.group(1) != null) ? parts.group(1).toLowerCase(Locale.ROOT) : null;
		String authority = parts.group(2);
		if (authority == null) {
			return new External(url);
		}
		String userInfo = null;
		String hostPort = authority;
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			userInfo = authority.substring(0, at);
			hostPort = authority.substring(at + 1);
		}
		String host = hostPort;
		String portText = null;
		int colon = hostPort.lastIndexOf(':');
		if (colon >= 0 && !hostPort.endsWith("]")) {
			host = hostPort.substring(0, colon);
			portText = hostPort.substring(colon + 1);
		}
		host = host.toLowerCase(Locale.ROOT);
		boolean trailingDot = host.endsWith(".") && host.length() > 1;
		String bareHost = trailingDot ? host.substring(0, host.length() - 1) : host;
		String path = parts.group(3);
		Base base = matchingBase(scheme, bareHost, path);
		if (base == null) {
			return new External(url);
		}
		if (trailingDot) {
			return new Suspicious(url, "host name with a trailing dot");
		}
		if (userInfo != null) {
			return new Suspicious(url, "userinfo in the URL");
		}
		int port = -1;
		if (portText != null) {
			if (!portText.matches("\\d{1,5}")) {
				return new Suspicious(url, "invalid port '" + portText + "'");
			}
			port = Integer.parseInt(portText);
		}
		if (!base.matchesPort(port, (scheme != null) ? scheme : base.scheme())) {
			return new Suspicious(url, "port " + port + " does not match the bucket's endpoint");
		}
		if (parts.group(4) != null) {
			return new Suspicious(url, "query string in the URL");
		}
		if (parts.group(5) != null) {
			return new Suspicious(url, "fragment in the URL");
		}
		return keyOf(url, path.substring(base.pathPrefix().length()));
	}

	private @Nullable Base matchingBase(@Nullable String scheme, String host, String path) {
		Base best = null;
		for (Base base : this.bases) {
			boolean schemeMatches = (scheme == null) ? !"s3".equals(base.scheme()) : scheme.equals(base.scheme());
			if (schemeMatches && base.host().equals(host) && path.startsWith(base.pathPrefix())
					&& (best == null || base.pathPrefix().length() > best.pathPrefix().length())) {
				best = base;
			}
		}
		return best;
	}

	private ImageReference keyOf(String url, String encodedKey) {
		if (encodedKey.isEmpty()) {
			return new Suspicious(url, "no object key in the URL");
		}
		List<String> segments = new ArrayList<>();
		for (String raw : encodedKey.split("/", -1)) {
			if (raw.isEmpty()) {
				return new Suspicious(url, "empty path segment");
			}
			if (raw.indexOf('\\') >= 0) {
				return new Suspicious(url, "backslash in the path");
			}
			String segment;
			try {
				segment = decodeOnce(raw);
			}
			catch (IllegalArgumentException ex) {
				return new Suspicious(url, ex.getMessage());
			}
			if (segment.equals(".") || segment.equals("..")) {
				return new Suspicious(url, "'.' or '..' path segment");
			}
			if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
				return new Suspicious(url, "encoded slash or backslash in the path");
			}
			if (DOUBLE_ENCODED.matcher(segment).find()) {
				return new Suspicious(url, "double percent-encoding in the path");
			}
			if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
				return new Suspicious(url, "control character in the path");
			}
			segments.add(segment);
		}
		String key = String.join("/", segments);
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			return new Suspicious(url, "object key longer than " + MAX_KEY_BYTES + " bytes");
		}
		if (!this.keyPrefixes.isEmpty() && this.keyPrefixes.stream().noneMatch(key::startsWith)) {
			return new Suspicious(url, "key '" + key + "' is outside the configured key prefixes " + this.keyPrefixes);
		}
		return new OwnObject(url, key);
	}

	/**
	 * The key a URL refers to as far as a visitor's browser is concerned, for the
	 * question "does any document still show this object?". Lenient where strict
	 * resolution refuses, because a reference read too generously only keeps an image:
	 * query and fragment are dropped and dot segments are resolved the way browsers do.
	 * The key prefixes do not apply.
	 * @param url a URL as a document holds it
	 * @return the key of our bucket the URL shows, if any
	 */
	public Optional<String> referencedKey(String url) {
		String candidate = url.strip();
		int cut = indexOfAny(candidate, '?', '#');
		if (cut >= 0) {
			candidate = candidate.substring(0, cut);
		}
		Matcher parts = URI_PARTS.matcher(candidate);
		if (parts.matches() && parts.group(2) != null) {
			String authority = parts.group(2);
			int at = authority.lastIndexOf('@');
			String cleanAuthority = (at >= 0) ? authority.substring(at + 1) : authority;
			if (cleanAuthority.endsWith(".")) {
				cleanAuthority = cleanAuthority.substring(0, cleanAuthority.length() - 1);
			}
			String path = removeDotSegments(parts.group(3).replace('\\', '/'));
			candidate = ((parts.group(1) != null) ? parts.group(1) + ":" : "") + "//" + cleanAuthority + path;
		}
		return (resolveIgnoringPrefixes(candidate) instanceof OwnObject own) ? Optional.of(own.key())
				: Optional.empty();
	}

	private ImageReference resolveIgnoringPrefixes(String url) {
		if (this.keyPrefixes.isEmpty()) {
			return resolve(url);
		}
		ImageReference reference = resolve(url);
		if (reference instanceof Suspicious suspicious
				&& suspicious.reason().contains("outside the configured key prefixes")) {
			ImageUrlResolver unprefixed = new ImageUrlResolver(this.bucket, this.bases, List.of());
			return unprefixed.resolve(url);
		}
		return reference;
	}

	private ImageUrlResolver(String bucket, List<Base> bases, List<String> keyPrefixes) {
		this.bucket = bucket;
		this.bases = bases;
		this.keyPrefixes = keyPrefixes;
	}

	/**
	 * The canonical URL of a key: the first public base URL when one is configured, else
	 * the bucket's S3 URL. {@link #resolve(String)} of it gives the key back.
	 * @param key an object key
	 * @return its URL, each path segment percent-encoded
	 */
	public String urlOf(String key) {
		return urlForms(key).get(0);
	}

	/**
	 * Every URL form of a key this resolver accepts (one per host form and scheme).
	 * @param key an object key
	 * @return its URLs, canonical first
	 */
	public List<String> urlForms(String key) {
		String encoded = encodePath(key);
		return this.bases.stream().map(base -> base.url(encoded)).toList();
	}

	/**
	 * @return the bucket
	 */
	public String bucket() {
		return this.bucket;
	}

	static String encodePath(String key) {
		StringBuilder out = new StringBuilder();
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == '/') {
				out.append((char) c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	private static String decodeOnce(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int i = 0;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					throw new IllegalArgumentException("truncated percent-encoding in the path");
				}
				int hi = Character.digit(raw.charAt(i + 1), 16);
				int lo = Character.digit(raw.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					throw new IllegalArgumentException("invalid percent-encoding in the path");
				}
				bytes.write((hi << 4) | lo);
				i += 3;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
					encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.write(encoded, 0, encoded.length);
				i++;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("percent-encoding that is not UTF-8 in the path");
		}
	}

	private static String removeDotSegments(String path) {
		List<String> out = new ArrayList<>();
		for (String segment : path.split("/", -1)) {
			if (DOUBLE_DOT.matcher(segment).matches()) {
				if (out.size() > 1) {
					out.remove(out.size() - 1);
				}
			}
			else if (!SINGLE_DOT.matcher(segment).matches()) {
				out.add(segment);
			}
		}
		String joined = String.join("/", out);
		return joined.isEmpty() || joined.startsWith("/") ? joined : "/" + joined;
	}

	private static int indexOfAny(String text, char a, char b) {
		int i = text.indexOf(a);
		int j = text.indexOf(b);
		return (i < 0) ? j : (j < 0) ? i : Math.min(i, j);
	}

	private static boolean isIpAddress(String host) {
		return IPV4.matcher(host).matches() || host.startsWith("[");
	}

	private static int defaultPort(String scheme) {
		return "http".equals(scheme) ? 80 : 443;
	}

}
