package io.mediapurge.imagestore;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bucket the images live in, how to reach it, and how deletes are sent. Credentials
 * come from the AWS SDK's default provider chain (environment, profiles, web identity),
 * never from here.
 *
 * @param bucket the bucket name
 * @param region its region
 * @param endpoint an S3-compatible endpoint instead of AWS (for example a local S3
 * server), or a regional, FIPS or PrivateLink endpoint of AWS
 * @param pathStyle address the bucket in the path rather than the host name
 * @param publicBaseUrls URLs that serve the bucket's keys, such as a CDN: URL = base +
 * key
 * @param keyPrefixes when set, only keys under one of these prefixes may ever be deleted
 * @param legacyMd5 send Content-MD5 on DeleteObjects, for S3-compatible stores that
 * require it
 * @param delete how deletes are batched and retried
 * @param plusAsSpace whether the store reads '+' in a URL path as a space (Amazon S3
 * does; MinIO reads it as '+'): decides the key of a URL with '+' on the delete side (the
 * reference side always counts both readings)
 * @param awsUrlForms whether Amazon S3's URLs ({@code *.amazonaws.com}) that name the
 * bucket name this bucket; unset: yes without an endpoint or with an endpoint on
 * {@code amazonaws.com} (regional, FIPS, PrivateLink), no with another endpoint (an
 * S3-compatible store), where such URLs block their document instead of becoming deletes
 * @param siteRelativePrefixes site-relative paths under which the CMS's site serves the
 * bucket's keys: a URL {@code /media/<key>} names {@code <key>} when {@code /media/} is
 * one of them
 */
@ConfigurationProperties("media-purge.s3")
@Validated
public record S3Properties(
		@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
				message = "is not a valid S3 bucket name") String bucket,
		@NotBlank @DefaultValue("us-east-1") String region, @Nullable URI endpoint, boolean pathStyle,
		@DefaultValue List<URI> publicBaseUrls, @DefaultValue List<@NotBlank String> keyPrefixes, boolean legacyMd5,
		@Valid @NotNull @DefaultValue Delete delete, @DefaultValue("true") boolean plusAsSpace,
		@Nullable Boolean awsUrlForms, @DefaultValue List<String> siteRelativePrefixes) {

	public S3Properties {
		// checked while binding, so a wrong entry stops start-up with a message naming it
		for (int i = 0; i < publicBaseUrls.size(); i++) {
			UrlOrigin.of(publicBaseUrls.get(i), "media-purge.s3.public-base-urls[" + i + "]");
		}
		if (endpoint != null) {
			UrlOrigin.of(endpoint, "media-purge.s3.endpoint");
		}
		List<String> prefixes = new ArrayList<>();
		for (int i = 0; i < siteRelativePrefixes.size(); i++) {
			String prefix = siteRelativePrefixes.get(i);
			if (!prefix.startsWith("/") || prefix.startsWith("//")
					|| prefix.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == '\\' || c == 0x7f)) {
				throw new IllegalArgumentException("media-purge.s3.site-relative-prefixes[" + i + "] '" + prefix
						+ "' must be a site-relative path such as /media/ (one leading '/', no query, fragment, "
						+ "backslash or whitespace)");
			}
			prefixes.add(prefix.endsWith("/") ? prefix : prefix + "/");
		}
		siteRelativePrefixes = List.copyOf(prefixes);
	}

	/**
	 * @param maxKeysPerRequest keys per DeleteObjects request (S3 allows at most 1,000)
	 * @param maxAttempts attempts per key for transient failures (the first try included)
	 * @param initialBackoff backoff before the second attempt; it doubles each time, with
	 * jitter
	 * @param maxBackoff the longest backoff
	 * @param attemptTimeout the longest one HTTP attempt may take
	 * @param connectionTimeout the longest a connection may take to open
	 * @param maxKeysPerSecond the most keys deleted in any one second under one budget
	 * prefix, retries included (S3 allows at least 3,500 per second and partitioned
	 * prefix, and counts every key of a DeleteObjects request; the default leaves room
	 * for the CMS's own uploads to the same prefix); each prefix's rate halves while S3
	 * answers SlowDown for it and recovers gradually afterwards; 0 turns the limit off.
	 * Below {@code maxKeysPerRequest} it also caps the keys per request.
	 * @param budgetPrefixes the prefixes that get a budget of {@code maxKeysPerSecond}
	 * each; empty (the default): one per entry of {@code key-prefixes}, or one for the
	 * whole bucket without key prefixes. Set it when S3 partitions the bucket finer or
	 * coarser than the key prefixes.
	 * @param maxChunksInFlight chunks of one purge step written at once: 1 (the default)
	 * writes each chunk whole before the next is read; 2 or more lets up to that many
	 * less one chunks' deletes (DeleteObjects, hard deletes, records) run on threads of
	 * their own while the step reads and claims the next chunk. Every request still waits
	 * for its prefix's budget, so the rate per prefix stays within
	 * {@code maxKeysPerSecond}.
	 */
	public record Delete(@Min(1) @Max(1000) @DefaultValue("1000") int maxKeysPerRequest,
			@Min(1) @Max(20) @DefaultValue("5") int maxAttempts,
			@NotNull @DefaultValue("200ms") Duration initialBackoff, @NotNull @DefaultValue("10s") Duration maxBackoff,
			@NotNull @DefaultValue("30s") Duration attemptTimeout,
			@NotNull @DefaultValue("5s") Duration connectionTimeout, @Min(0) @DefaultValue("3000") int maxKeysPerSecond,
			@DefaultValue List<@NotBlank String> budgetPrefixes,
			@Min(1) @Max(8) @DefaultValue("1") int maxChunksInFlight) {
	}

}
