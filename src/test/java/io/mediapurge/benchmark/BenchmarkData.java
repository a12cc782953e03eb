package io.mediapurge.benchmark;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.CmsDocuments.ottRelease;
import static io.mediapurge.support.CmsDocuments.theaterRelease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.mediapurge.support.CmsDocuments;

/**
 * The benchmark's data set, a function of (N, M, L) alone, so that the benchmark's JVM
 * and the servers' JVM compute the same keys and counts without exchanging them.
 *
 * <ul>
 * <li>N flagged documents; document {@code i} is of content type {@code i % 4}
 * (galleries, articles, theater releases, OTT releases). Galleries and articles show M
 * images each; theater releases 2 (their spec has only {@code movie_image} and
 * {@code movie_banner}); OTT releases 1 ({@code movie_image}).
 * <li>L live documents with one image each, live document {@code j} of content type
 * {@code j % 4}.
 * <li>10% of the flagged documents (every tenth group of four, so all content types)
 * show, as their last image, one image of a live document. The live document uses the CDN
 * URL, the flagged one the {@code s3://} URL of the same key. All other images are the
 * flagged document's own, with CDN URLs.
 * </ul>
 */
final class BenchmarkData {

	static final String BUCKET = "media";

	static final String CDN = "https://cdn.example.com/media/";

	static final String S3_URL = "s3://" + BUCKET + "/";

	static final String DATABASE = "cms";

	static final List<String> COLLECTIONS = List.of("galleries", "articles", "theater_releases", "ott_releases");

	private static final List<String> PREFIXES = List.of("galleries/", "articles/", "releases/theater/",
			"releases/ott/");

	private final int n;

	private final int m;

	private final int l;

	private final boolean freshIds;

	private final int[] flagged = new int[4];

	private final long[] images = new long[4];

	private final long[] sharing = new long[4];

	BenchmarkData(int n, int m, int l, boolean freshIds) {
		if (n < 4 || m < 1 || l < 1) {
			throw new IllegalArgumentException("N >= 4, M >= 1 and L >= 1 are required");
		}
		this.n = n;
		this.m = m;
		this.l = l;
		this.freshIds = freshIds;
		for (int i = 0; i < n; i++) {
			int type = i % 4;
			this.flagged[type]++;
			this.images[type] += imagesPerDocument(type);
			this.sharing[type] += isSharing(i) ? 1 : 0;
		}
	}

	int n() {
		return this.n;
	}

	int m() {
		return this.m;
	}

	int l() {
		return this.l;
	}

	boolean freshIds() {
		return this.freshIds;
	}

	/** Images a flagged document of this content type shows. */
	int imagesPerDocument(int type) {
		return switch (type) {
			case 0, 1 -> this.m;
			case 2 -> 2;
			default -> 1;
		};
	}

	int flagged(int type) {
		return this.flagged[type];
	}

	/** Image URLs of the flagged documents of this content type, shared ones included. */
	long flaggedImages(int type) {
		return this.images[type];
	}

	/** Flagged documents of this content type that show an image of a live document. */
	long sharing(int type) {
		return this.sharing[type];
	}

	/** Image URLs of all flagged documents: the denominator of images/s. */
	long flaggedImages() {
		return IntStream.range(0, 4).mapToLong(this::flaggedImages).sum();
	}

	long sharingDocuments() {
		return IntStream.range(0, 4).mapToLong(this::sharing).sum();
	}

	/** Keys only flagged documents show: the job deletes exactly these. */
	long ownKeys() {
		return flaggedImages() - sharingDocuments();
	}

	/** Live keys some flagged document also shows; the naive way deletes them. */
	long sharedLiveKeys() {
		return Math.min(sharingDocuments(), this.l);
	}

	/** Objects in the bucket after seeding. */
	long objects() {
		return this.l + ownKeys();
	}

	static String liveKey(int j) {
		return "live/" + j + ".jpg";
	}

	boolean isLiveKey(String key) {
		if (!key.startsWith("live/") || !key.endsWith(".jpg")) {
			return false;
		}
		String index = key.substring("live/".length(), key.length() - ".jpg".length());
		return index.matches("0|[1-9][0-9]{0,9}") && Long.parseLong(index) < this.l;
	}

	private static boolean isSharing(int i) {
		return i % 40 < 4;
	}

	/** The URLs flagged document {@code i} shows, in order. */
	List<String> urls(int i) {
		int type = i % 4;
		int count = imagesPerDocument(type);
		List<String> urls = new ArrayList<>(count);
		for (int k = 0; k < count; k++) {
			if (isSharing(i) && k == count - 1) {
				// the sharing documents before this one, in order, take the live keys in
				// turn
				int earlier = (i / 40) * 4 + i % 40;
				urls.add(S3_URL + liveKey(earlier % this.l));
			}
			else {
				urls.add(CDN + PREFIXES.get(type) + i + "/" + k + ".jpg");
			}
		}
		return urls;
	}

	/** The keys flagged document {@code i} alone shows. */
	List<String> ownKeys(int i) {
		return urls(i).stream().filter(url -> url.startsWith(CDN)).map(url -> url.substring(CDN.length())).toList();
	}

	/** Every key the job deletes, in document order. */
	Stream<String> allOwnKeys() {
		return IntStream.range(0, this.n).boxed().flatMap(i -> ownKeys(i).stream());
	}

	/**
	 * The flagged documents of the content type, in order.
	 * @param now the moment of seeding, which the dates count back from
	 */
	Stream<Document> flaggedDocuments(int type, Instant now) {
		return IntStream.iterate(type, i -> i < this.n, i -> i + 4).mapToObj(i -> {
			Document document = document(type, "f-" + i, urls(i));
			if (this.freshIds) {
				return due(document);
			}
			document.put("_id", new ObjectId(Date.from(spread(now, 90, 30, i, this.n))));
			CmsDocuments.flagged(document, Duration.ofDays(2 + i % 10));
			return document.append("updated_at", document.get("deleted_at"));
		});
	}

	/**
	 * The live documents of the content type, in order.
	 * @param now the moment of seeding, which the dates count back from
	 */
	Stream<Document> liveDocuments(int type, Instant now) {
		return IntStream.iterate(type, j -> j < this.l, j -> j + 4).mapToObj(j -> {
			Document document = document(type, "live-" + j, List.of(CDN + liveKey(j))).append("is_deleted", false);
			if (this.freshIds) {
				return document;
			}
			document.put("_id", new ObjectId(Date.from(spread(now, 180, 30, j, this.l))));
			return document.append("updated_at", Date.from(now.minus(Duration.ofDays(1 + j % 28))));
		});
	}

	/**
	 * The moment {@code index / count} of the way from {@code fromDays} to {@code toDays}
	 * before now.
	 */
	private static Instant spread(Instant now, int fromDays, int toDays, int index, int count) {
		long span = Duration.ofDays(fromDays - toDays).toMillis();
		return now.minus(Duration.ofDays(fromDays)).plusMillis(span * index / count);
	}

	/**
	 * A document of the content type with these image URLs, the way the CMS writes it.
	 */
	private static Document document(int type, String id, List<String> urls) {
		return switch (type) {
			case 0 -> gallery(id, urls.toArray(String[]::new));
			case 1 -> article(id, urls.get(0), new ArrayList<Object>(urls.subList(1, urls.size())));
			case 2 -> theaterRelease(id, urls.get(0), (urls.size() > 1) ? urls.get(1) : null);
			default -> ottRelease(id, urls.get(0));
		};
	}

	/** The URLs a document of the collection shows, the way the naive way reads them. */
	static List<String> urls(String collection, Document document) {
		List<String> urls = new ArrayList<>();
		switch (collection) {
			case "galleries" ->
				document.getList("images", Document.class).forEach(image -> urls.add(image.getString("url")));
			case "articles" -> {
				urls.add(document.getString("image"));
				document.getList("image_gallery", Object.class).forEach(entry -> urls.add((String) entry));
			}
			case "theater_releases" -> {
				urls.add(document.getString("movie_image"));
				urls.add(document.getString("movie_banner"));
			}
			default -> urls.add(document.getString("movie_image"));
		}
		urls.removeIf(url -> url == null);
		return urls;
	}

	/** The bucket key of an image URL of this data set. */
	static String key(String url) {
		return url.startsWith(CDN) ? url.substring(CDN.length()) : url.substring(S3_URL.length());
	}

}
