package io.mediapurge.operations.dashboard;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page shows against what a person last did, in a real headless Chromium: a
 * bookmark of an execution that is not (or no longer) there. Screenshots under
 * {@code target/browser-screenshots}.
 */
class StaleLinksBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

	private HeadlessChromium browser;

	@BeforeEach
	void startBrowser() {
		this.browser = new HeadlessChromium("http://localhost:" + this.port);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aLinkToAnExecutionThatIsNotThereSaysSoAndTheRestOfTheDashboardStillLoads() {
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();

		// a bookmark of a run pruned since, or of an orphan sweep's execution
		this.browser.open("/#execution-987654");

		this.browser.await(Duration.ofSeconds(20),
				d -> !d.findElements(By.id("detail-missing")).isEmpty()
						&& !d.findElements(By.id("trend-chart")).isEmpty()
						&& "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
		assertThat(this.browser.find("#detail-missing").getText()).contains("no run #987654");
		assertThat(this.browser.find("#last-updated").getText()).startsWith("Updated");
		assertThat(this.browser.errorText()).isEmpty();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("stale-execution-link.png"));
	}

}
