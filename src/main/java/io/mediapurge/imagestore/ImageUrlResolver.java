package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.mediapurge.imagestore.UrlReading.Kind;
import io.mediapurge.imagestore.ImageReference.External;
import io.mediapurge.imagestore.ImageReference.OtherBucket;
import io.mediapurge.imagestore.ImageReference.OwnObject;
import io.mediapurge.imagestore.ImageReference.Suspicious;

/**
 * The one place that decides whether an image URL may turn into a delete of our bucket:
 * never a key of another bucket or host, never a key the URL does not name exactly.
 *
 * <p>
 * {@link #resolve(String)} is strict. A URL becomes a key only when one of the bucket's
 * URL forms ({@link BucketUrlForms}) reads it, every such reading names the same key as
 * S3 would read it (each {@code %XX} decoded once, {@code %2F} a '/', '+' a space where
 * {@code media-purge.s3.plus-as-space} says so), and nothing about it lets a browser, a
 * proxy or S3 read another key: userinfo, another port, a query or fragment, '.', '..' or
 * empty segments (also percent-encoded, also double-encoded), backslashes, control
 * characters, bad percent-encoding, a key outside the key prefixes, or a form that is
 * ours only in some readings. Such a URL is {@link Suspicious} and blocks its document. A
 * URL naming another bucket on an S3 host is {@link OtherBucket}; any other URL is
 * {@link External}. A key is never normalised into another key.
 *
 * <p>
 * {@link #referencedKeys(String)} is the opposite reading, for the question "which
 * objects may this URL show?": every key any reading could name ({@link ReferencedKeys}).
 * Whatever {@code resolve} deletes, {@code referencedKeys} of the same URL protects.
 */
public final class ImageUrlResolver {

	private final BucketUrlForms forms;

	private final ReferencedKeys references;

	private final List<String> keyPrefixes;

	public ImageUrlResolver(S3Properties properties) {
		this.forms = new BucketUrlForms(properties);
		this.references = new ReferencedKeys(this.forms);
		this.keyPrefixes = List.copyOf(properties.keyPrefixes());
	}

	/**
	 * Decides what a URL refers to, for the delete side. Never throws.
	 * @param url a URL as a document holds it
	 * @return an object of our bucket named exactly, another bucket's URL, an external
	 * URL, or a suspicious URL with the reason
	 */
	public ImageReference resolve(String url) {
		ImageReference asWritten = resolveAsWritten(url);
		String browserReading = UrlParts.browserReading(url);
		if (browserReading.equals(url)) {
			return asWritten;
		}
		// the browser reads another URL: ours in either reading is too odd to delete
		ImageReference asRead = resolveAsWritten(browserReading);
		if (isOurs(asWritten) || isOurs(asRead)) {
			return new Suspicious(url, (asWritten instanceof Suspicious suspicious) ? suspicious.reason()
					: "the URL is not written as a browser reads it (" + whatBrowsersChange(url) + ")");
		}
		if (asWritten instanceof OtherBucket other) {
			return other;
		}
		return (asRead instanceof OtherBucket other) ? new OtherBucket(url, other.bucket()) : new External(url);
	}

	/**
	 * Every key of our bucket the URL may show, for the reference side: maximal, never
	 * strict. The key prefixes do not apply.
	 * @param url a URL as a document holds it
	 * @return the candidate keys, empty when the URL cannot name an object of our bucket
	 */
	public Set<String> referencedKeys(String url) {
		return this.references.of(url);
	}

	private static boolean isOurs(ImageReference reference) {
		return reference instanceof OwnObject || reference instanceof Suspicious;
	}

	private ImageReference resolveAsWritten(String url) {
		UrlParts parts = UrlParts.parse(url);
		String host = parts.normalizedHost();
		if (host == null && (parts.scheme() != null || !parts.path().startsWith("/"))) {
			return new External(url);
		}
		// browsers decode a percent-encoded host name before they look it up
		boolean encodedHost = host != null && host.indexOf('%') >= 0;
		String lookup = encodedHost ? PercentCoding.decodeLeniently(host, false, false).toLowerCase(Locale.ROOT) : host;
		List<UrlReading> readings = readings(parts.scheme(), lookup, parts.path());
		if (encodedHost && touchesOurBucket(readings)) {
			return new Suspicious(url, "percent-encoded host name");
		}
		// a browser resolves dot segments before it asks: '/other/../media/' is ours
		String browserPath = UrlParts.removeDotSegments(parts.path());
		if (!browserPath.equals(parts.path()) && touchesOurBucket(readings(parts.scheme(), lookup, browserPath))) {
			return new Suspicious(url, "'.' or '..' path segment, which a browser resolves");
		}
		if (encodedHost) {
			return readings.isEmpty() ? new External(url) : new OtherBucket(url, readings.get(0).bucket());
		}
		return decide(url, parts, readings);
	}

	private List<UrlReading> readings(@Nullable String scheme, @Nullable String host, String path) {
		return (host != null) ? this.forms.readings(scheme, host, path, false)
				: this.forms.siteRelativeReadings(path, false);
	}

	private static boolean touchesOurBucket(List<UrlReading> readings) {
		return readings.stream().anyMatch(reading -> reading.kind() != Kind.OTHER_BUCKET);
	}

	private ImageReference decide(String url, UrlParts parts, List<UrlReading> readings) {
		if (readings.isEmpty()) {
			return new External(url);
		}
		List<UrlReading> ours = new ArrayList<>(readings.size());
		UrlReading other = null;
		for (UrlReading reading : readings) {
			if (reading.kind() == Kind.MAYBE_OURS) {
				return new Suspicious(url, "not where our bucket is configured to live: " + reading.form());
			}
			if (reading.kind() == Kind.OURS) {
				ours.add(reading);
			}
			else {
				other = reading;
			}
		}
		if (ours.isEmpty()) {
			return new OtherBucket(url, readings.get(0).bucket());
		}
		if (other != null) {
			return new Suspicious(url, "ambiguous: a " + ours.get(0).form() + " of our bucket, and a " + other.form()
					+ " of bucket '" + other.bucket() + "'");
		}
		return ownObject(url, parts, ours);
	}

	private ImageReference ownObject(String url, UrlParts parts, List<UrlReading> ours) {
		if (parts.userInfo() != null) {
			return new Suspicious(url, "userinfo in the URL");
		}
		int port;
		try {
			port = parts.portNumber();
		}
		catch (IllegalArgumentException ex) {
			return new Suspicious(url, ex.getMessage());
		}
		if (parts.query() != null) {
			return new Suspicious(url, "query string in the URL");
		}
		if (parts.fragment() != null) {
			return new Suspicious(url, "fragment in the URL");
		}
		Map<String, String> keys = new LinkedHashMap<>();
		for (UrlReading reading : ours) {
			if (!reading.acceptsPort(parts.scheme(), port)) {
				return new Suspicious(url, "port " + port + " is not the port of the " + reading.form());
			}
			try {
				keys.putIfAbsent(ExactKeys.of(reading, this.forms.plusAsSpace()), reading.form());
			}
			catch (IllegalArgumentException ex) {
				return new Suspicious(url, ex.getMessage());
			}
		}
		if (keys.size() > 1) {
			return new Suspicious(url, "ambiguous: the forms of our bucket read different keys " + keys);
		}
		String key = keys.keySet().iterator().next();
		if (!this.keyPrefixes.isEmpty() && this.keyPrefixes.stream().noneMatch(key::startsWith)) {
			return new Suspicious(url, "key '" + key + "' is outside the configured key prefixes " + this.keyPrefixes);
		}
		return new OwnObject(url, key);
	}

	private static String whatBrowsersChange(String url) {
		if (!UrlParts.stripC0AndSpace(url).equals(url)) {
			return "whitespace or control characters around it";
		}
		if (url.indexOf('\t') >= 0 || url.indexOf('\n') >= 0 || url.indexOf('\r') >= 0) {
			return "a tab or newline in it";
		}
		if (url.indexOf('\\') >= 0) {
			return "a backslash, which browsers read as '/'";
		}
		return "no '//' after its scheme";
	}

	/**
	 * The canonical URL of a key: the first public base URL when one is configured, else
	 * the endpoint's or Amazon S3's URL. {@link #resolve(String)} of it gives the key
	 * back when the key can be named exactly.
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
		return this.forms.urlForms(key);
	}

	/**
	 * @return the bucket
	 */
	public String bucket() {
		return this.forms.bucket();
	}

}
