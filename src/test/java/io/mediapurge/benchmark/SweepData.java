package io.mediapurge.benchmark;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.flagged;
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

/**
 * The orphan sweep benchmark's data set, a function of (O, D, orphan percentage) alone,
 * so that the benchmark's JVM and the servers' JVM agree on every key without exchanging
 * them.
 *
 * <ul>
 * <li>O objects under the key prefixes {@code galleries/}, {@code articles/},
 * {@code releases/theater/} and {@code releases/ott/} (object {@code k} under prefix
 * {@code k % 4}, in folders of 1,000). Of each hundred: the first {@code orphanPercent}
 * are orphans (old, no document shows them), the last one is young (no document shows it,
 * but it was written now, within {@code minAge}), the others are referenced. All but the
 * young ones were last modified 30 days ago.
 * <li>O / 200 more orphans under {@code uploads/}, outside the swept prefixes: never
 * listed, never deleted.
 * <li>D documents, document {@code d} of content type {@code d % 4}: galleries show M
 * images, articles M (a lead image and M - 1 in their gallery), theater releases 2, OTT
 * releases 1. M is the least that gives at least as many image slots as referenced
 * objects; slot {@code g} shows referenced object {@code g mod R}, so every referenced
 * object is shown, and the slots past R show keys other documents show too. The URL form
 * goes round five forms by slot: CDN over https, CDN over http, path-style on the S3
 * endpoint, {@code s3://}, CDN with a query string.
 * <li>Every document was inserted 30 days ago (the time in its ObjectId): none is newer
 * than the apply's catch-up reads again before each chunk. Every 20th document is
 * soft-deleted an hour ago (in its grace period): it still shows its images.
 * <li>Dangling references: the galleries and articles whose number ends in 00 or 01 also
 * show one key of their prefix that the bucket does not hold.
 * </ul>
 */
final class SweepData {

	static final List<String> PREFIXES = List.of("galleries/", "articles/", "releases/theater/", "releases/ott/");

	/** The configured key prefixes: {@code releases/} holds the two release prefixes. */
	static final String KEY_PREFIXES = "galleries/,articles/,releases/";

	static final String OUTSIDE = "uploads/";

	/** How long ago every object but the young ones was last modified. */
	static final Duration OLD = Duration.ofDays(30);

	private static final Date INSERTED = Date.from(Instant.now().minus(OLD));

	enum Kind {

		ORPHAN, YOUNG, REFERENCED, OUTSIDE, OTHER

	}

	private final int objects;

	private final int documents;

	private final int orphanPercent;

	private final int referenced;

	private final int m;

	SweepData(int objects, int documents, int orphanPercent) {
		if (objects < 100 || objects % 100 != 0 || documents < 4 || orphanPercent < 1 || orphanPercent > 98) {
			throw new IllegalArgumentException(
					"O must be a multiple of 100, D >= 4 and the orphan percentage between 1 and 98");
		}
		this.objects = objects;
		this.documents = documents;
		this.orphanPercent = orphanPercent;
		this.referenced = objects / 100 * perHundredReferenced();
		int m = 1;
		while (slots(m) < this.referenced) {
			m++;
		}
		this.m = m;
	}

	private int perHundredReferenced() {
		return 100 - this.orphanPercent - 1;
	}

	private long slots(int m) {
		return IntStream.range(0, this.documents).mapToLong(d -> slotsOf(d % 4, m)).sum();
	}

	private static int slotsOf(int type, int m) {
		return switch (type) {
			case 0, 1 -> m;
			case 2 -> 2;
			default -> 1;
		};
	}

	int objects() {
		return this.objects;
	}

	int documents() {
		return this.documents;
	}

	int orphanPercent() {
		return this.orphanPercent;
	}

	int m() {
		return this.m;
	}

	long orphans() {
		return (long) this.objects / 100 * this.orphanPercent;
	}

	long young() {
		return this.objects / 100;
	}

	long referenced() {
		return this.referenced;
	}

	/** Objects under {@link #OUTSIDE}, outside the swept prefixes. */
	int outside() {
		return this.objects / 200;
	}

	/** Image slots of all documents; those past {@link #referenced()} repeat a key. */
	long imageSlots() {
		return slots(this.m);
	}

	static boolean isDangling(int d) {
		return d % 100 < 2;
	}

	long dangling() {
		return IntStream.range(0, this.documents).filter(SweepData::isDangling).count();
	}

	static String key(int k) {
		return PREFIXES.get(k % 4) + (k / 4000) + "/" + k + ".jpg";
	}

	static String outsideKey(int i) {
		return OUTSIDE + i + ".jpg";
	}

	Kind kind(int k) {
		int inHundred = k % 100;
		return (inHundred < this.orphanPercent) ? Kind.ORPHAN : (inHundred == 99) ? Kind.YOUNG : Kind.REFERENCED;
	}

	/** What a key of this data set is; {@link Kind#OTHER} for a key it never wrote. */
	Kind kind(String key) {
		if (key.startsWith(OUTSIDE)) {
			return Kind.OUTSIDE;
		}
		int slash = key.lastIndexOf('/');
		if (slash < 0 || !key.endsWith(".jpg")) {
			return Kind.OTHER;
		}
		try {
			int k = Integer.parseInt(key.substring(slash + 1, key.length() - ".jpg".length()));
			return (k >= 0 && k < this.objects && key(k).equals(key)) ? kind(k) : Kind.OTHER;
		}
		catch (NumberFormatException ex) {
			return Kind.OTHER;
		}
	}

	/**
	 * The object shown by image slot {@code g}: the {@code g mod R}-th referenced one.
	 */
	private int referencedObject(long g) {
		int r = (int) (g % this.referenced);
		int perHundred = perHundredReferenced();
		return r / perHundred * 100 + this.orphanPercent + r % perHundred;
	}

	private long firstSlot(int d) {
		long group = (long) (d / 4) * (2L * this.m + 3);
		return group + switch (d % 4) {
			case 0 -> 0;
			case 1 -> this.m;
			case 2 -> 2L * this.m;
			default -> 2L * this.m + 2;
		};
	}

	/**
	 * The URLs document {@code d} shows, in order.
	 * @param endpoint the S3 endpoint, for the path-style form
	 */
	List<String> urls(int d, String endpoint) {
		int type = d % 4;
		List<String> urls = new ArrayList<>();
		long first = firstSlot(d);
		for (int i = 0; i < slotsOf(type, this.m); i++) {
			long g = first + i;
			String key = key(referencedObject(g));
			urls.add(switch ((int) (g % 5)) {
				case 0 -> BenchmarkData.CDN + key;
				case 1 -> BenchmarkData.CDN.replace("https:", "http:") + key;
				case 2 -> endpoint + "/" + BenchmarkData.BUCKET + "/" + key;
				case 3 -> BenchmarkData.S3_URL + key;
				default -> BenchmarkData.CDN + key + "?w=200";
			});
		}
		if (type < 2 && isDangling(d)) {
			urls.add(BenchmarkData.CDN + PREFIXES.get(type) + "missing/" + d + ".jpg");
		}
		return urls;
	}

	/** The documents of the content type, in order, the way the CMS writes them. */
	Stream<Document> documents(int type, String endpoint) {
		return IntStream.iterate(type, d -> d < this.documents, d -> d + 4).mapToObj(d -> {
			List<String> urls = urls(d, endpoint);
			Document document = switch (type) {
				case 0 -> gallery("g-" + d, urls.toArray(String[]::new));
				case 1 -> article("a-" + d, urls.get(0), new ArrayList<Object>(urls.subList(1, urls.size())));
				case 2 -> theaterRelease("t-" + d, urls.get(0), urls.get(1));
				default -> ottRelease("o-" + d, urls.get(0));
			};
			document.put("_id", new ObjectId(INSERTED));
			return (d % 20 == 10) ? flagged(document, Duration.ofHours(1)) : document.append("is_deleted", false);
		});
	}

}
