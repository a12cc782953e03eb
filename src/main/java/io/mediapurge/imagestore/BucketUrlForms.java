package io.mediapurge.imagestore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.mediapurge.imagestore.UrlReading.Kind;

/**
 * Where the bucket's objects live on the web, built from {@link S3Properties}: the hosts
 * and path prefixes of its URL forms (public base URLs such as CDNs, the configured
 * endpoint, Amazon S3's own hosts, {@code s3://} URIs and site-relative paths), and which
 * bucket a URL on an S3 host names. It reads a URL's parts into {@link UrlReading}s and
 * never decodes a key: deciding what a reading means is for {@link ImageUrlResolver}
 * (strict) and {@link ReferencedKeys} (maximal).
 */
final class BucketUrlForms {

	private record HostForms(List<UrlOrigin> publicBases, boolean endpointPathStyle, @Nullable String endpointBucket,
			@Nullable AwsS3Host aws) {

		boolean isEmpty() {
			return this.publicBases.isEmpty() && !this.endpointPathStyle && this.endpointBucket == null
					&& this.aws == null;
		}

	}

	private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[.*]");

	/** Hosts remembered; a CMS shows images of a few hosts, so this is never reached. */
	private static final int MAX_CACHED_HOSTS = 4096;

	private final String bucket;

	private final String region;

	private final boolean china;

	private final boolean plusAsSpace;

	/** Whether Amazon S3's hosts serve our bucket, or a bucket of the same name. */
	private final boolean awsServesBucket;

	private final List<UrlOrigin> publicBases;

	private final @Nullable UrlOrigin endpoint;

	private final boolean endpointVirtualHosts;

	private final List<String> siteRelativePrefixes;

	private final Map<String, HostForms> hosts = new ConcurrentHashMap<>();

	BucketUrlForms(S3Properties properties) {
		this.bucket = properties.bucket();
		this.region = properties.region();
		this.china = this.region.startsWith("cn-");
		this.plusAsSpace = properties.plusAsSpace();
		this.publicBases = properties.publicBaseUrls()
			.stream()
			.map(uri -> UrlOrigin.of(uri, "media-purge.s3.public-base-urls"))
			.toList();
		this.endpoint = (properties.endpoint() != null) ? UrlOrigin.of(properties.endpoint(), "media-purge.s3.endpoint")
				: null;
		this.endpointVirtualHosts = this.endpoint != null && !IP_ADDRESS.matcher(this.endpoint.host()).matches();
		this.awsServesBucket = (properties.awsUrlForms() != null) ? properties.awsUrlForms()
				: this.endpoint == null || AwsS3Host.parse(this.endpoint.host()) != null;
		this.siteRelativePrefixes = List.copyOf(properties.siteRelativePrefixes());
	}

	String bucket() {
		return this.bucket;
	}

	boolean plusAsSpace() {
		return this.plusAsSpace;
	}

	/**
	 * The readings of a URL with an authority.
	 * @param scheme its scheme in lower case, {@code null} when scheme-relative
	 * @param host its host in lower case, without a trailing dot
	 * @param path its raw path
	 * @param lenient compare a path-style bucket name ignoring case and encoding
	 * @return every reading, empty when no form of an S3 host or public base fits
	 */
	List<UrlReading> readings(@Nullable String scheme, String host, String path, boolean lenient) {
		if ("s3".equals(scheme)) {
			String key = path.startsWith("/") ? path.substring(1) : path;
			Kind kind = host.equals(this.bucket) ? Kind.OURS : Kind.OTHER_BUCKET;
			return List.of(new UrlReading(kind, host, key, true, null, "s3:// URI"));
		}
		if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
			return List.of();
		}
		HostForms forms = formsOf(host);
		if (forms.isEmpty()) {
			return List.of();
		}
		List<UrlReading> readings = new ArrayList<>(1);
		for (UrlOrigin base : forms.publicBases()) {
			if (path.startsWith(base.pathPrefix())) {
				readings.add(new UrlReading(Kind.OURS, this.bucket, path.substring(base.pathPrefix().length()), false,
						base, "public base URL"));
			}
		}
		UrlOrigin endpoint = this.endpoint;
		if (endpoint != null && path.startsWith(endpoint.pathPrefix())) {
			String rest = path.substring(endpoint.pathPrefix().length());
			if (forms.endpointPathStyle()) {
				addPathStyle(readings, rest, endpoint, "path-style URL of the endpoint", lenient, null);
			}
			if (forms.endpointBucket() != null) {
				readings.add(reading(forms.endpointBucket(), rest, endpoint, "virtual-hosted URL of the endpoint"));
			}
		}
		AwsS3Host aws = forms.aws();
		if (aws != null && path.startsWith("/")) {
			String rest = path.substring(1);
			if (aws.kind() == AwsS3Host.Kind.ACCESS_POINT) {
				readings.add(new UrlReading(Kind.MAYBE_OURS, "", rest, false, null,
						"S3 access point URL, which does not name its bucket"));
			}
			else if (aws.bucket() == null) {
				addPathStyle(readings, rest, null, "path-style Amazon S3 URL", lenient, aws);
			}
			else {
				readings.add(awsReading(aws, aws.bucket(), rest, "virtual-hosted Amazon S3 URL"));
			}
		}
		return readings;
	}

	/**
	 * The readings of a site-relative path ({@code /media/<key>}).
	 * @param path the path, starting with a single '/'
	 * @param lenient also read it under the path of every public base URL, as a site that
	 * proxies its CDN would serve it
	 * @return every reading
	 */
	List<UrlReading> siteRelativeReadings(String path, boolean lenient) {
		List<UrlReading> readings = new ArrayList<>(1);
		for (String prefix : this.siteRelativePrefixes) {
			if (path.startsWith(prefix)) {
				readings.add(new UrlReading(Kind.OURS, this.bucket, path.substring(prefix.length()), false, null,
						"site-relative path under " + prefix));
			}
		}
		if (lenient) {
			for (UrlOrigin base : this.publicBases) {
				if (path.startsWith(base.pathPrefix())) {
					readings.add(new UrlReading(Kind.OURS, this.bucket, path.substring(base.pathPrefix().length()),
							false, null, "site-relative path under a public base URL's path"));
				}
			}
		}
		return readings;
	}

	private void addPathStyle(List<UrlReading> readings, String rest, @Nullable UrlOrigin origin, String form,
			boolean lenient, @Nullable AwsS3Host aws) {
		if (rest.isEmpty()) {
			return;
		}
		int slash = rest.indexOf('/');
		String named = (slash < 0) ? rest : rest.substring(0, slash);
		String key = (slash < 0) ? "" : rest.substring(slash + 1);
		if (lenient && !named.equals(this.bucket)
				&& PercentCoding.decodeLeniently(named, false, false).equalsIgnoreCase(this.bucket)) {
			named = this.bucket;
		}
		readings.add((aws != null) ? awsReading(aws, named, key, form) : reading(named, key, origin, form));
	}

	private UrlReading reading(String named, String key, @Nullable UrlOrigin origin, String form) {
		return new UrlReading(named.equals(this.bucket) ? Kind.OURS : Kind.OTHER_BUCKET, named, key, false, origin,
				form);
	}

	private UrlReading awsReading(AwsS3Host aws, String named, String key, String form) {
		if (!named.equals(this.bucket) || aws.china() != this.china) {
			// the China partition is a namespace of its own: a bucket there is another
			return new UrlReading(Kind.OTHER_BUCKET, named, key, false, null, form);
		}
		if (!this.awsServesBucket) {
			return new UrlReading(Kind.MAYBE_OURS, named, key, false, null, form
					+ " of a bucket named like ours, while "
					+ "the endpoint is another store (set media-purge.s3.aws-url-forms=true if AWS serves this bucket)");
		}
		if (aws.region() != null && !aws.region().equals(this.region)) {
			return new UrlReading(Kind.MAYBE_OURS, named, key, false, null,
					form + " in region " + aws.region() + ", while media-purge.s3.region is " + this.region);
		}
		return new UrlReading(Kind.OURS, named, key, false, null, form);
	}

	private HostForms formsOf(String host) {
		HostForms forms = this.hosts.get(host);
		if (forms == null) {
			forms = computeFormsOf(host);
			if (this.hosts.size() < MAX_CACHED_HOSTS) {
				this.hosts.put(host, forms);
			}
		}
		return forms;
	}

	private HostForms computeFormsOf(String host) {
		List<UrlOrigin> bases = this.publicBases.stream().filter(base -> base.host().equals(host)).toList();
		UrlOrigin endpoint = this.endpoint;
		boolean pathStyle = endpoint != null && endpoint.host().equals(host);
		String endpointBucket = (endpoint != null && this.endpointVirtualHosts && host.endsWith("." + endpoint.host()))
				? host.substring(0, host.length() - endpoint.host().length() - 1) : null;
		return new HostForms(bases, pathStyle, endpointBucket, AwsS3Host.parse(host));
	}

	/**
	 * Every URL form of a key that strict resolution gives back as that key, the
	 * canonical one first: the first public base URL, else the endpoint's path-style URL,
	 * else the regional virtual-hosted Amazon S3 URL.
	 * @param key an object key
	 * @return its URLs
	 */
	List<String> urlForms(String key) {
		String encoded = PercentCoding.encodePath(key);
		Set<String> forms = new LinkedHashSet<>();
		for (UrlOrigin base : this.publicBases) {
			forms.add(base.url(base.scheme(), base.host(), encoded));
			forms.add(base.url(base.scheme().equals("https") ? "http" : "https", base.host(), encoded));
		}
		UrlOrigin endpoint = this.endpoint;
		if (endpoint != null) {
			forms.add(endpoint.url(endpoint.scheme(), endpoint.host(), this.bucket + "/" + encoded));
			if (this.endpointVirtualHosts) {
				forms.add(endpoint.url(endpoint.scheme(), this.bucket + "." + endpoint.host(), encoded));
			}
		}
		if (this.awsServesBucket) {
			String suffix = this.china ? ".amazonaws.com.cn" : ".amazonaws.com";
			List<String> both = List.of("s3." + this.region, "s3-" + this.region, "s3.dualstack." + this.region,
					"s3-fips." + this.region, "s3-fips.dualstack." + this.region, "s3", "s3-external-1");
			List<String> virtualOnly = List.of("s3-accelerate", "s3-accelerate.dualstack", "s3-website-" + this.region,
					"s3-website." + this.region);
			for (String scheme : List.of("https", "http")) {
				for (String service : both) {
					forms.add(scheme + "://" + this.bucket + "." + service + suffix + "/" + encoded);
					forms.add(scheme + "://" + service + suffix + "/" + this.bucket + "/" + encoded);
				}
				for (String service : virtualOnly) {
					forms.add(scheme + "://" + this.bucket + "." + service + suffix + "/" + encoded);
				}
			}
		}
		String s3Uri = "s3://" + this.bucket + "/" + key;
		if (key.indexOf('%') < 0 && key.indexOf('?') < 0 && key.indexOf('#') < 0
				&& UrlParts.browserReading(s3Uri).equals(s3Uri)) {
			// written as is, so only where nothing in the key reads as more than the key
			forms.add(s3Uri);
		}
		for (String prefix : this.siteRelativePrefixes) {
			forms.add(prefix + encoded);
		}
		return List.copyOf(forms);
	}

}
