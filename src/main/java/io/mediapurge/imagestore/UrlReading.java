package io.mediapurge.imagestore;

import org.jspecify.annotations.Nullable;

/**
 * One way a URL names an object, as {@link BucketUrlForms} reads it: which bucket, and
 * the rest of the path, not yet decoded.
 *
 * @param kind how it relates to our bucket
 * @param bucket the bucket it names
 * @param encodedKey the rest of the path: the key, still percent-encoded
 * @param literal whether the key is written as is rather than percent-encoded
 * ({@code s3://} URIs)
 * @param origin the scheme, host and port that serve it, {@code null} for Amazon S3's
 * hosts (default ports) and site-relative paths
 * @param form which form, for messages
 */
record UrlReading(Kind kind, String bucket, String encodedKey, boolean literal, @Nullable UrlOrigin origin,
		String form) {

	/** How a reading relates to our bucket. */
	enum Kind {

		/** Our bucket. */
		OURS,

		/**
		 * Maybe our bucket, but not where it is configured to live (another region, AWS
		 * while the endpoint is another store, an access point): never a delete, always a
		 * reference.
		 */
		MAYBE_OURS,

		/** Another bucket on an S3 host. */
		OTHER_BUCKET

	}

	/**
	 * @param scheme the URL's scheme, {@code null} when scheme-relative
	 * @param port the URL's port, -1 when none is written
	 * @return whether the URL reaches the port this form is served on
	 */
	boolean acceptsPort(@Nullable String scheme, int port) {
		if (this.literal) {
			return port == -1;
		}
		if (this.origin != null) {
			return this.origin.acceptsPort(scheme, port);
		}
		return port == -1 || port == UrlOrigin.defaultPort((scheme != null) ? scheme : "https");
	}

}
