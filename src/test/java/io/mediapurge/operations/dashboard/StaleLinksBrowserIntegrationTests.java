package io.mediapurge.operations.dashboard;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;
import io.mediapurge.operations.launch.SweepLauncher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page shows against what a person last did, in a real headless Chromium: a
 * bookmark of an execution that is not (or no longer) there, the browser's Back button
 * between two sweep plans, and a sweep plan applied from the page followed to its end
 * without Refresh. Screenshots under {@code target/browser-screenshots}.
 */
class StaleLinksBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

	@Autowired
	SweepLauncher sweeps;

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

		// a bookmark of a run pruned since (an orphan sweep's execution says what it is:
		// SweepBrowserIntegrationTests)
		this.browser.open("/#execution-987654");

		this.browser.await(Duration.ofSeconds(20),
				d -> !d.findElements(By.id("detail-missing")).isEmpty()
						&& !d.findElements(By.id("trend-chart")).isEmpty()
						&& "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
		assertThat(this.browser.find("#detail-missing").getText()).contains("no run #987654")
			.contains("no purge run or orphan sweep run has that number");
		assertThat(this.browser.find("#last-updated").getText()).startsWith("Updated");
		assertThat(this.browser.errorText()).isEmpty();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("stale-execution-link.png"));
	}

	@Test
	void theBackButtonShowsThePlanTheAddressNames() {
		this.s3.put("galleries/orphan.jpg");
		long first = plan();
		long second = plan();
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();
		openPlan(first);
		openPlan(second);

		this.browser.driver().navigate().back();

		this.browser.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("#plan-" + first)
				&& d.findElement(By.id("plan-heading")).getText().startsWith("Plan " + first + " "));
		assertThat(this.browser.find("#apply-viewer-note").isDisplayed()).isTrue();
		assertThat(this.browser.errorText()).isEmpty();
	}

	@Test
	void anApplyStartedFromThePageIsFollowedToItsEndWithoutRefresh() {
		this.s3.put("galleries/orphan.jpg");
		long planId = plan();
		this.browser.signIn(OPERATOR, OPERATOR_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();
		openPlan(planId);
		this.browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("apply")).isDisplayed());

		this.browser.find("#apply").click();
		this.browser.driver().switchTo().alert().accept();

		// no Refresh: the page follows the apply until the plan reads APPLIED
		this.browser.await(Duration.ofSeconds(60),
				d -> d.findElement(By.id("plan-heading")).getText().contains("APPLIED")
						&& d.findElement(By.id("apply-state")).getText().contains("applied by")
						&& d.findElement(By.cssSelector("#plans tbody tr[data-plan-id='" + planId + "']"))
							.getText()
							.contains("1 deleted"));
		assertThat(this.s3.exists("galleries/orphan.jpg")).isFalse();
		assertThat(this.browser.find("#apply").isDisplayed()).isFalse();
		// the "Applying plan N" notice is gone once the apply has ended
		assertThat(this.browser.find("#message").isDisplayed()).isFalse();
		assertThat(this.browser.errorText()).isEmpty();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-applied-followed.png"));
	}

	private long plan() {
		return this.sweeps.plan(List.of("galleries/"), Duration.ZERO).getJobInstance().getInstanceId();
	}

	private void openPlan(long planId) {
		this.browser.find("#plans tbody tr[data-plan-id='" + planId + "'] a").click();
		this.browser.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("#plan-" + planId)
				&& d.findElement(By.id("plan-heading")).getText().startsWith("Plan " + planId + " "));
	}

}
