package io.mediapurge.operations.dashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.mediapurge.operations.api.ServerModeIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in, in a real headless Chromium, as a person does it: the page asked for, the
 * sign-in page it leads to (which says media-purge), the form, and wherever the browser
 * really goes afterwards (the page asked for, never an icon's 404). Screenshots of each
 * page under {@code target/browser-screenshots}.
 */
class SignInBrowserIntegrationTests extends ServerModeIntegrationTestSupport {

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
	void openingTheDashboardLeadsToTheSignInPageAndBackToTheDashboard() {
		// given: a fresh browser opens the dashboard
		this.browser.open("/login");
		this.browser.driver().manage().deleteAllCookies();
		this.browser.open("/");

		// then: the product's own sign-in page
		this.browser.await(java.time.Duration.ofSeconds(20), (driver) -> driver.getCurrentUrl().equals(url("/login")));
		assertThat(this.browser.driver().getTitle()).isEqualTo("Sign in · media-purge");
		assertThat(this.browser.find("header h1").getText()).isEqualTo("media-purge");
		assertThat(this.browser.findAll("form[action='/login'] input[name=_csrf]")).hasSize(1);
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sign-in-page.png"));

		// when: the person signs in
		this.browser.find("#username").sendKeys(OPERATOR);
		this.browser.find("#password").sendKeys(OPERATOR_PASSWORD);
		this.browser.find("form button[type=submit]").click();
		this.browser.await(java.time.Duration.ofSeconds(20),
				(driver) -> !driver.getCurrentUrl().startsWith(url("/login")));

		// then: the dashboard they asked for, not an icon's 404
		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(url("/"));
		this.browser.awaitLoaded();
		assertThat(this.browser.driver().getTitle()).isEqualTo("media-purge");
		assertThat(this.browser.find("#whoami").getText()).contains(OPERATOR).contains("operator");
		assertThat(this.browser.driver().getPageSource()).doesNotContain("Whitelabel");
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("after-sign-in.png"));
		assertThat(this.browser.consoleMessages()).as("console (Content-Security-Policy refusals)")
			.noneMatch((message) -> message.contains("Content Security Policy"));
	}

	@Test
	void signingInFromTheSignInPageLandsOnTheDashboard() {
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/login");

		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(url("/"));
		this.browser.awaitLoaded();
		assertThat(this.browser.find("#whoami").getText()).contains(VIEWER).contains("viewer");
	}

	@Test
	void signingInLandsBackOnThePageAskedFor() {
		this.browser.signIn(VIEWER, VIEWER_PASSWORD, "/index.html");

		this.browser.awaitLoaded();
		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(url("/index.html"));
	}

	@Test
	void aWrongPasswordShowsTheSignInPageAgainWithWhatWentWrong() {
		this.browser.open("/login");
		this.browser.find("#username").sendKeys(OPERATOR);
		this.browser.find("#password").sendKeys("not-" + OPERATOR_PASSWORD);
		this.browser.find("form button[type=submit]").click();

		this.browser.await(java.time.Duration.ofSeconds(20),
				(driver) -> driver.getCurrentUrl().equals(url("/login?error")));
		assertThat(this.browser.find("#sign-in-notice").getText()).isEqualTo("Wrong user name or password.");
		assertThat(this.browser.driver().findElement(By.id("password")).getDomProperty("value")).isEmpty();
		this.browser.screenshot(HeadlessChromium.SCREENSHOTS.resolve("sign-in-wrong-password.png"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
