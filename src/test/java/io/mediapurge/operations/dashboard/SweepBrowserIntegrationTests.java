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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;
import io.mediapurge.operations.launch.SweepLauncher;

/**
 * The orphan sweep's page in a real headless Chromium, as a person uses it: a viewer
 * reads a plan (no Apply), an operator applies it and reads what the apply did.
 * Screenshots under {@code target/browser-screenshots}.
 */
class SweepBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

	/** A key S3 stores but no DeleteObjects request can name (U+FFFF). */
	static final String UNNAMEABLE = "galleries/bad\uffff.jpg";

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
	void aViewerReadsAPlanAndAnOperatorAppliesItAndReadsWhatTheApplyDid() {
		// given: a plan with three orphans and one dangling reference; before the apply a
		// document starts showing one orphan, and one is a key no DeleteObjects can name
		this.s3.put("galleries/orphan.jpg", "galleries/shown.jpg", "galleries/later-shown.jpg", UNNAMEABLE);
		this.mongo.getCollection("galleries")
			.insertOne(gallery("g-1", cdnUrl("galleries/shown.jpg"), cdnUrl("galleries/missing.jpg")));
		long planId = this.sweeps.plan(List.of("galleries/"), Duration.ZERO).getJobInstance().getInstanceId();
		this.mongo.getCollection("galleries").insertOne(gallery("g-2", cdnUrl("galleries/later-shown.jpg")));

		// when: a viewer opens the sweep page and the plan
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/sweep.html");
		this.browser.awaitLoaded();
		this.browser.find("#plans tbody tr[data-plan-id='" + planId + "'] a").click();
		this.browser.await(Duration.ofSeconds(20),
				d -> !d.findElement(By.id("plan")).getDomProperty("hidden").equals("true")
						&& !d.findElements(By.cssSelector("#orphans tbody tr")).isEmpty());

		// then: its candidates (the unnameable key readable), and no apply yet
		assertThat(this.browser.findAll("#orphans tbody tr td:first-child")).extracting(WebElement::getText)
			.containsExactly("galleries/bad[U+FFFF].jpg", "galleries/later-shown.jpg", "galleries/orphan.jpg");
		assertThat(this.browser.find("#dangling tbody").getText()).contains("g-1")
			.contains(cdnUrl("galleries/missing.jpg"));
		assertThat(this.browser.find("#totals tbody").getText()).contains("galleries/");
		assertThat(this.browser.find("#apply").isDisplayed()).isFalse();
		assertThat(this.browser.find("#apply-state").getText()).isEqualTo("(not applied)");
		assertThat(this.browser.find("#outcomes").isDisplayed()).isFalse();
		assertThat(this.browser.find("#issues-panel").isDisplayed()).isFalse();
		assertThat(this.browser.find("#plan").getText()).doesNotContain("{");
		// in words a person reads, times in a named zone, and a way to sign out
		assertThat(this.browser.find("#plan-summary").getText()).contains("minimum age none")
			.containsPattern("false-keep rate (none|about 1 in [0-9,]+);")
			.doesNotContain("PT0S");
		assertThat(this.browser.find("#time-zone").getText()).startsWith("Times in ");
		assertThat(this.browser.find("#logout").isDisplayed()).isTrue();
		// in a narrow window the page does not scroll sideways: a wide table scrolls
		// inside
		// its panel, and a long URL or ETag wraps, so the last columns stay on screen
		this.browser.driver().manage().window().setSize(new Dimension(800, 1000));
		List<?> widths = (List<?>) ((JavascriptExecutor) this.browser.driver()).executeScript(
				"const right = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().right);"
						+ "return [document.documentElement.scrollWidth - document.documentElement.clientWidth,"
						+ " right('#orphans thead th:last-child') - right('#plan'),"
						+ " right('#dangling thead th:last-child') - right('#plan')];");
		assertThat(widths).as("page scroll, Outcome and Live past the panel")
			.allMatch(w -> ((Number) w).intValue() <= 0);
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-viewer.png"));

		// when: an operator follows a link to the plan, signs in, lands on that plan (the
		// link's #plan-N kept across the sign-in) and applies it
		this.browser.signIn(OPERATOR, OPERATOR_PASSWORD, "/sweep.html#plan-" + planId);
		this.browser.awaitLoaded();
		this.browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("apply")).isDisplayed());
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-operator.png"));
		this.browser.recordTextsOf("message");
		this.browser.find("#apply").click();
		this.browser.driver().switchTo().alert().accept();

		// then: the page says the apply started (a short apply may end before a poll sees
		// the notice, so every text the notice took is read)
		this.browser.await(Duration.ofSeconds(20),
				d -> this.browser.recordedTextsOf("message")
					.stream()
					.anyMatch(text -> text.contains("Applying plan " + planId)));
		this.browser.await(Duration.ofSeconds(30),
				d -> !this.s3.exists("galleries/orphan.jpg") && !this.launcher.localRuns().anyRunning());
		this.browser.find("#refresh").click();
		this.browser.await(Duration.ofSeconds(20),
				d -> d.findElement(By.cssSelector("#plans tbody tr[data-plan-id='" + planId + "']"))
					.getText()
					.contains("APPLIED") && d.findElement(By.id("apply-state")).getText().contains("applied by"));
		assertThat(this.s3.keys()).containsExactlyInAnyOrder("galleries/shown.jpg", "galleries/later-shown.jpg",
				UNNAMEABLE);

		// and the page tells what the apply did: a count per outcome, the kept and failed
		// keys with why, and a summary in the list of plans
		assertThat(this.browser.find("#plans tbody tr[data-plan-id='" + planId + "']").getText())
			.contains("1 deleted, 1 kept: shown, 1 failed");
		assertThat(this.browser.findAll("#outcomes tbody tr"))
			.extracting(
					row -> row.findElements(By.tagName("td")).subList(0, 2).stream().map(WebElement::getText).toList())
			.containsExactly(List.of("Deleted", "1"), List.of("Gone", "0"), List.of("Kept: changed", "0"),
					List.of("Kept: shown", "1"), List.of("Failed", "1"), List.of("Total", "3"));
		assertThat(this.browser.find("#issues-count").getText()).isEqualTo("(2)");
		assertThat(this.browser.findAll("#issues tbody tr"))
			.extracting(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
			.containsExactly(
					List.of("galleries/bad[U+FFFF].jpg", "Failed",
							"not-xml: the key holds U+FFFF at character 14, which XML 1.0 cannot carry: "
									+ "no DeleteObjects request can name it"),
					List.of("galleries/later-shown.jpg", "Kept: shown", "a document shows it now"));
		assertThat(this.browser.find("#issues-next").isEnabled()).isFalse();
		assertThat(this.browser.find("#plan").getText()).doesNotContain("{").doesNotContain("KEPT_REFERENCED");
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sweep-plan-applied.png"));

		// and the operator signs out from the sweep page: the session has ended
		this.browser.find("#logout").click();
		this.browser.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/login?logout"));
		assertThat(this.browser.get("/api/me").status()).isEqualTo(401);
	}

	@Test
	void theDashboardListsTheSweepsPlansAndAppliesEachLinkingToItsPlan() {
		// given: a plan, then its apply
		this.s3.put("galleries/orphan.jpg");
		long planId = this.sweeps.plan(List.of("galleries/"), Duration.ZERO).getJobInstance().getInstanceId();
		long applyId = this.sweeps.apply(planId).getId();

		// when: a viewer opens the dashboard
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/");
		this.browser.awaitLoaded();

		// then: beside the purge's runs, the sweep's executions, newest first, each with
		// its action and plan (other tests' plans may follow)
		assertThat(this.browser.findAll("#sweep-runs-body tr"))
			.extracting(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
			.extracting(cells -> List.of(cells.get(0), cells.get(1), cells.get(5)))
			.startsWith(List.of("#" + applyId, "apply", "Plan " + planId),
					List.of("#" + (applyId - 1), "plan", "Plan " + planId));
		assertThat(this.browser.find("#sweep-runs-body").getText()).contains("COMPLETED");
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("dashboard-sweep-runs.png"));

		// and a run's plan link opens that plan on the sweep page
		this.browser.find("#sweep-runs-body tr[data-sweep-execution-id='" + applyId + "'] a[data-plan-link]").click();
		this.browser.await(Duration.ofSeconds(20),
				d -> d.getCurrentUrl().endsWith("/sweep.html#plan-" + planId)
						&& !d.findElement(By.id("plan")).getDomProperty("hidden").equals("true")
						&& d.findElement(By.id("apply-state")).getText().contains("applied by"));

		// and a link to the apply as an execution of the dashboard says what it is and
		// where its detail is, not that there is no such run
		this.browser.open("/#execution-" + applyId);
		this.browser.await(Duration.ofSeconds(20), d -> !d.findElements(By.id("detail-sweep-execution")).isEmpty());
		assertThat(this.browser.find("#detail-sweep-execution").getText())
			.isEqualTo("Execution #" + applyId + " is an orphan sweep run, not a purge run: it applied plan " + planId
					+ " (COMPLETED). What it deleted and kept is on the Orphan sweep page: Plan " + planId + ".");
		assertThat(this.browser.findAll("#detail-missing")).isEmpty();
		assertThat(this.browser.find("#sweep-runs-body tr[data-sweep-execution-id='" + applyId + "']")
			.getDomAttribute("class")).isEqualTo("selected");
		assertThat(this.browser.errorText()).isEmpty();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("dashboard-sweep-execution-link.png"));
		this.browser.find("#detail-sweep-execution a").click();
		this.browser.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("/sweep.html#plan-" + planId)
				&& d.findElement(By.id("plan-heading")).getText().startsWith("Plan " + planId + " "));
	}

}
