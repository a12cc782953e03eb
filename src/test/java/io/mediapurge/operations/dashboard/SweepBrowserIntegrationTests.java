package io.mediapurge.operations.dashboard;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;
import io.mediapurge.operations.launch.SweepLauncher;

/**
 * The orphan sweep's page in a real headless Chromium, as a person uses it: a viewer
 * reads a plan (no Apply), an operator applies it. Screenshots under
 * {@code target/browser-screenshots}.
 */
class SweepBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

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
	void aViewerReadsAPlanAndAnOperatorAppliesIt() {
		// given: a plan with one orphan and one dangling reference
		this.s3.put("galleries/orphan.jpg", "galleries/shown.jpg");
		this.mongo.getCollection("galleries")
			.insertOne(gallery("g-1", cdnUrl("galleries/shown.jpg"), cdnUrl("galleries/missing.jpg")));
		long planId = this.sweeps.plan(List.of("galleries/"), Duration.ZERO).getJobInstance().getInstanceId();

		// when: a viewer opens the sweep page and the plan
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();
		this.browser.find("#plans tbody tr[data-plan-id='" + planId + "'] a").click();
		this.browser.await(Duration.ofSeconds(20),
				d -> !d.findElement(By.id("plan")).getDomProperty("hidden").equals("true")
						&& !d.findElements(By.cssSelector("#orphans tbody tr")).isEmpty());

		// then
		assertThat(this.browser.find("#orphans tbody tr td").getText()).isEqualTo("galleries/orphan.jpg");
		assertThat(this.browser.find("#dangling tbody").getText()).contains("g-1")
			.contains(cdnUrl("galleries/missing.jpg"));
		assertThat(this.browser.find("#totals tbody").getText()).contains("galleries/");
		assertThat(this.browser.find("#apply").isDisplayed()).isFalse();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-viewer.png"));

		// when: an operator applies it
		this.browser.signIn(OPERATOR, OPERATOR_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();
		this.browser.find("#plans tbody tr[data-plan-id='" + planId + "'] a").click();
		this.browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("apply")).isDisplayed());
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-operator.png"));
		this.browser.find("#apply").click();
		this.browser.driver().switchTo().alert().accept();

		// then
		this.browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("message")).isDisplayed());
		assertThat(this.browser.find("#message").getText()).contains("Applying plan " + planId);
		this.browser.await(Duration.ofSeconds(30),
				d -> !this.s3.exists("galleries/orphan.jpg") && !this.launcher.localRuns().anyRunning());
		this.browser.find("#refresh").click();
		this.browser.await(Duration.ofSeconds(20),
				d -> d.findElement(By.cssSelector("#plans tbody tr[data-plan-id='" + planId + "']"))
					.getText()
					.contains("APPLIED"));
		assertThat(this.s3.keys()).containsExactly("galleries/shown.jpg");
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-applied.png"));
	}

}
