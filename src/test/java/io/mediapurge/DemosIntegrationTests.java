package io.mediapurge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The README's demos do what it says: the run demo purges the sample content and says why
 * each object left in the bucket was kept; the server demo serves the dashboard's API to
 * its demo users and is healthy on the in-process servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemosIntegrationTests {

	@Test
	void theRunDemoSaysWhyEachObjectLeftInTheBucketWasKept(CapturedOutput output) throws Exception {
		int exitCode = TestMediaPurgeApplication.run();

		assertThat(exitCode).isEqualTo(3);
		String kept = output.getOut().substring(output.getOut().indexOf("Objects left in the bucket, and why"));
		assertThat(kept).contains("galleries/fresh/1.jpg: galleries 'fresh' is in its grace period")
			.contains("galleries/summer/3.jpg: articles 'review' is live (the CMS restored it) and shows it")
			.contains("galleries/winter/1.jpg: galleries 'winter' is live and shows it")
			.contains("articles/review/lead.jpg: articles 'review' is live")
			.containsPattern("shared/logo.png: articles 'tricky' was blocked: .*")
			.doesNotContain("galleries/summer/1.jpg")
			.doesNotContain("releases/dune/poster.jpg");
	}

}
