package io.mediapurge.imagestore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A host name of Amazon S3, read by the grammar of its endpoints: virtual-hosted
 * ({@code <bucket>.s3.<region>.amazonaws.com}) and path-style ({@code s3.<region>...})
 * hosts with the legacy dash-region, global, {@code s3-external-1}, dual-stack, FIPS,
 * Transfer Acceleration and website variants, the China partition
 * ({@code .amazonaws.com.cn}), PrivateLink interface endpoints
 * ({@code bucket.vpce-<id>.s3.<region>.vpce.amazonaws.com}, which take the bucket in the
 * path, and {@code <bucket>.bucket.vpce-...} or {@code <bucket>.vpce-...}), and access
 * point hosts (whose name does not tell the bucket).
 *
 * @param bucket the bucket named in the host, or {@code null} when the bucket is the
 * first path segment (path-style)
 * @param kind what the host serves
 * @param region the region named in the host, or {@code null} for a global endpoint
 * @param china whether the host is in the China partition, a separate namespace of
 * buckets
 */
record AwsS3Host(@Nullable String bucket, Kind kind, @Nullable String region, boolean china) {

	enum Kind {

		/**
		 * The REST endpoints, dual-stack, FIPS, acceleration and PrivateLink included.
		 */
		REST,

		/** A static website endpoint. */
		WEBSITE,

		/** An access point or Object Lambda access point: the bucket is unknown. */
		ACCESS_POINT

	}

	private static final String REGION = "[a-z]{2,4}(?:-[a-z]+)+-\\d+";

	/**
	 * The label that names S3, its variants, and an optional region: {@code s3},
	 * {@code s3.<region>}, {@code s3-<region>}, {@code s3.dualstack.<region>},
	 * {@code s3-fips[.dualstack].<region>}, {@code s3-external-1},
	 * {@code s3-accelerate[.dualstack]}, {@code s3-website-<region>},
	 * {@code s3-website.<region>}, {@code s3-accesspoint[-fips][.dualstack].<region>},
	 * {@code s3-object-lambda.<region>}. The bucket label before it may contain dots.
	 */
	private static final Pattern STANDARD = Pattern.compile("(?:(?<bucket>.+)\\.)?(?<service>s3(?:-fips|-external-1"
			+ "|-accelerate|-website|-accesspoint(?:-fips)?|-object-lambda)?|s3-(?<dashRegion>" + REGION
			+ ")|s3-website-(?<websiteRegion>" + REGION + "))(?:\\.dualstack)?(?:\\.(?<region>" + REGION + "))?");

	private static final Pattern VPC_ENDPOINT = Pattern
		.compile("(?:(?<label>.+)\\.)?vpce-[a-z0-9]+(?:-[a-z0-9]+)*\\.s3\\.(?<region>" + REGION + ")\\.vpce");

	/**
	 * Reads a host name.
	 * @param host a host in lower case, without a trailing dot
	 * @return the S3 host it is, or {@code null} when it is not one
	 */
	static @Nullable AwsS3Host parse(String host) {
		boolean china = host.endsWith(".amazonaws.com.cn");
		if (!china && !host.endsWith(".amazonaws.com")) {
			return null;
		}
		String name = host.substring(0, host.length() - (china ? ".amazonaws.com.cn" : ".amazonaws.com").length());
		Matcher vpce = VPC_ENDPOINT.matcher(name);
		if (vpce.matches()) {
			return vpcEndpoint(vpce.group("label"), vpce.group("region"), china);
		}
		Matcher standard = STANDARD.matcher(name);
		if (!standard.matches()) {
			return null;
		}
		String service = standard.group("service");
		Kind kind = service.startsWith("s3-accesspoint") || service.equals("s3-object-lambda") ? Kind.ACCESS_POINT
				: service.startsWith("s3-website") ? Kind.WEBSITE : Kind.REST;
		String region = firstNonNull(standard.group("region"), standard.group("dashRegion"),
				standard.group("websiteRegion"));
		return new AwsS3Host(standard.group("bucket"), kind, region, china);
	}

	private static @Nullable AwsS3Host vpcEndpoint(@Nullable String label, String region, boolean china) {
		if (label == null || label.equals("bucket")) {
			return new AwsS3Host(null, Kind.REST, region, china);
		}
		if (label.equals("accesspoint") || label.endsWith(".accesspoint")) {
			return new AwsS3Host(null, Kind.ACCESS_POINT, region, china);
		}
		if (label.equals("control") || label.endsWith(".control")) {
			return null;
		}
		String bucket = label.endsWith(".bucket") ? label.substring(0, label.length() - ".bucket".length()) : label;
		return new AwsS3Host(bucket, Kind.REST, region, china);
	}

	private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b, @Nullable String c) {
		return (a != null) ? a : (b != null) ? b : c;
	}

}
