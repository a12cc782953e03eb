package io.mediapurge.imagestore;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A configured base that serves keys (a public base URL or the endpoint): URL =
 * scheme://host[:port] + pathPrefix + encoded key, with either scheme.
 *
 * @param scheme the configured scheme
 * @param host its host in lower case
 * @param port its port, -1 for the scheme's default
 * @param pathPrefix its path, ending with '/'
 */
record UrlOrigin(String scheme, String host, int port, String pathPrefix) {

	/**
	 * @param uri a configured URL
	 * @param property the property it comes from, for the message
	 * @return its origin
	 * @throws IllegalArgumentException unless it is an absolute http(s) URL without
	 * userinfo, query or fragment
	 */
	static UrlOrigin of(URI uri, String property) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					property + " '" + uri + "' must be an absolute http(s) URL without userinfo, query or fragment");
		}
		String path = (uri.getRawPath() == null) ? "" : uri.getRawPath();
		return new UrlOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
				path.endsWith("/") ? path : path + "/");
	}

	/**
	 * The same port for both schemes, or each scheme's default when ours is its scheme's
	 * default.
	 */
	boolean acceptsPort(@Nullable String urlScheme, int urlPort) {
		String scheme = (urlScheme != null) ? urlScheme : this.scheme;
		int mine = (this.port != -1) ? this.port : defaultPort(this.scheme);
		int theirs = (urlPort != -1) ? urlPort : defaultPort(scheme);
		return (mine == defaultPort(this.scheme)) ? theirs == defaultPort(scheme) : theirs == mine;
	}

	String url(String scheme, String host, String encodedPath) {
		boolean defaultPort = this.port == -1 || this.port == defaultPort(this.scheme);
		return scheme + "://" + host + (defaultPort ? "" : ":" + this.port) + this.pathPrefix + encodedPath;
	}

	static int defaultPort(String scheme) {
		return "http".equals(scheme) ? 80 : 443;
	}

}
