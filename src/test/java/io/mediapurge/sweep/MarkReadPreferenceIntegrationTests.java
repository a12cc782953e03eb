package io.mediapurge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.mongodb.ReadPreference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mediapurge.references.CatchUpFixtures;
import io.mediapurge.support.ReadPreferenceRecordingTemplate;

/**
 * The sweep's mark and its catch-ups before each chunk of an apply decide which objects
 * no document shows: like the purge's reference reads, they must see every write the CMS
 * has been told succeeded, so they read from the primary whatever read preference the
 * connection string gives (a lagging secondary would miss a page saved a moment ago, and
 * the apply would delete its image).
 */
class MarkReadPreferenceIntegrationTests {

	private final ReadPreferenceRecordingTemplate mongo = ReadPreferenceRecordingTemplate.secondaryPreferred();

	@AfterEach
	void close() {
		this.mongo.close();
	}

	@Test
	void theMarkAndItsCatchUpReadFromThePrimaryWhateverTheClientDefault() {
		CatchUpFixtures.insertGallery(this.mongo, "galleries/g1/a.jpg");
		ReferenceMarker marker = new ReferenceMarker(this.mongo, CatchUpFixtures.galleries(),
				CatchUpFixtures.resolver(), 100, Duration.ofMinutes(5), Clock.systemUTC());
		SweepRun run = new SweepRun(1, List.of("galleries/"), null);

		marker.mark(run);
		int marked = this.mongo.readPreferences.size();
		CatchUpFixtures.insertGallery(this.mongo, "galleries/g2/b.jpg");
		marker.catchUp(run);

		assertThat(run.marks().mightContain("galleries/g1/a.jpg")).isTrue();
		assertThat(run.marks().mightContain("galleries/g2/b.jpg")).isTrue();
		assertThat(marked).isPositive();
		assertThat(this.mongo.readPreferences).hasSizeGreaterThan(marked).containsOnly(ReadPreference.primary());
	}

}
