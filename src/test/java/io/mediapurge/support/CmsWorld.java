package io.mediapurge.support;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.flagged;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * The galleries of a crash scenario and the checks of its end state: {@value #DUE} due
 * galleries with two images each (one of them also shows an image a live gallery shows),
 * a live gallery and one in its grace period.
 */
public final class CmsWorld {

	public static final int DUE = 12;

	static final Set<String> KEPT_GALLERIES = Set.of("fresh", "live");

	static final Set<String> KEPT_KEYS = Set.of("shared/logo.png", "galleries/live/1.jpg", "galleries/fresh/1.jpg");

	private final ChildJvm world;

	private final EmbeddedS3 s3 = TestServers.s3();

	/** Due gallery id to its own keys. */
	final Map<String, List<String>> dueKeys = new LinkedHashMap<>();

	public CmsWorld(ChildJvm world) {
		this.world = world;
	}

	public CmsWorld seed() {
		this.s3.clear();
		List<Document> galleries = new ArrayList<>();
		for (int i = 0; i < DUE; i++) {
			String id = "g" + i;
			List<String> keys = List.of("galleries/" + id + "/1.jpg", "galleries/" + id + "/2.jpg");
			this.s3.put(keys.toArray(String[]::new));
			this.dueKeys.put(id, keys);
			galleries
				.add(due((i == 5) ? gallery(id, cdnUrl(keys.get(0)), cdnUrl(keys.get(1)), cdnUrl("shared/logo.png"))
						: gallery(id, cdnUrl(keys.get(0)), cdnUrl(keys.get(1)))));
		}
		this.s3.put(KEPT_KEYS.toArray(String[]::new));
		galleries.add(gallery("live", cdnUrl("galleries/live/1.jpg"), cdnUrl("shared/logo.png")));
		galleries.add(flagged(gallery("fresh", cdnUrl("galleries/fresh/1.jpg")), Duration.ofHours(1)));
		this.world.collection("galleries").insertMany(galleries);
		return this;
	}

	public Set<String> galleries() {
		return this.world.collection("galleries").find().map(d -> d.getString("gallery_id")).into(new TreeSet<>());
	}

	public long claimed() {
		return this.world.collection("galleries").countDocuments(Filters.exists("purge_claimed_at"));
	}

	/**
	 * The promise at any moment, also right after a crash: no gallery is hard-deleted
	 * while one of its images remains, and no image that a remaining gallery not due
	 * shows is gone.
	 */
	public void assertNothingLost() {
		Set<String> galleries = galleries();
		Set<String> keys = this.s3.keys();
		this.dueKeys.forEach((id, own) -> {
			if (!galleries.contains(id)) {
				assertThat(keys).as("images of hard-deleted gallery " + id).doesNotContainAnyElementsOf(own);
			}
		});
		assertThat(galleries).containsAll(KEPT_GALLERIES);
		assertThat(keys).containsAll(KEPT_KEYS);
	}

	/**
	 * Every due gallery purged, every image of a purged gallery gone, nothing else
	 * touched.
	 */
	public void assertExactEndState() throws Exception {
		assertThat(galleries()).containsExactlyInAnyOrderElementsOf(KEPT_GALLERIES);
		assertThat(this.s3.keys()).containsExactlyInAnyOrderElementsOf(KEPT_KEYS);
		assertThat(this.world.collection("galleries").countDocuments(Filters.exists("purge_claim"))).isZero();
		Set<String> expectedAudit = new TreeSet<>();
		this.dueKeys.values().forEach(expectedAudit::addAll);
		assertThat(new TreeSet<>(this.world.query("SELECT DISTINCT image_key FROM purge_deleted_image")))
			.as("audit log")
			.isEqualTo(expectedAudit);
	}

	public int images() {
		return this.dueKeys.size() * 2 + KEPT_KEYS.size();
	}

}
