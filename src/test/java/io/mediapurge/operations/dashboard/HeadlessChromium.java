package io.mediapurge.operations.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium driven by Debian's chromedriver, headless, with a fresh profile. Both
 * binaries are required (CI installs them): nothing is ever downloaded, and the test
 * fails rather than skips when they are missing.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * Where the browser tests keep screenshots of the pages they visit, for a reviewer.
	 */
	static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final String baseUrl;

	HeadlessChromium(String baseUrl) {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("the browser test needs Debian's chromium and chromium-driver (%s, %s): "
					+ "apt-get install -y --no-install-recommends chromium chromium-driver (.ci/run does)", CHROMIUM,
					CHROMEDRIVER)
			.isTrue();
		// an explicit driver keeps Selenium Manager from looking for (or downloading) one
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		this.baseUrl = baseUrl;
		try {
			this.profile = Files.createTempDirectory("dashboard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,2000",
				"--user-data-dir=" + this.profile);
		// the console, so a test can see what the Content-Security-Policy refused
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(this.service, options);
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	/**
	 * Signs in as a person does: opens the dashboard, is sent to the sign-in page, fills
	 * in the form, and follows the browser wherever it really goes. Fails unless that is
	 * the dashboard itself, loaded without an error. Keeps screenshots of the sign-in
	 * page and of the page after it under {@link #SCREENSHOTS}.
	 */
	void signIn(String username, String password) {
		signIn(username, password, "/");
		awaitLoaded();
		screenshot(SCREENSHOTS.resolve("signed-in-as-" + username + ".png"));
	}

	/**
	 * Signs in from a fresh session, starting at the given page, as a person does; fails
	 * unless the browser lands back on that page (on the dashboard, when it was the
	 * sign-in page).
	 * @param username the user
	 * @param password the password
	 * @param page the page to open first, e.g. {@code /}
	 */
	void signIn(String username, String password, String page) {
		open("/login");
		this.driver.manage().deleteAllCookies();
		open(page);
		try {
			await(Duration.ofSeconds(20), d -> d.getCurrentUrl().startsWith(this.baseUrl + "/login"));
			screenshot(SCREENSHOTS.resolve("sign-in.png"));
			this.driver.findElement(By.name("username")).sendKeys(username);
			this.driver.findElement(By.name("password")).sendKeys(password);
			this.driver.findElement(By.cssSelector("form button[type=submit]")).click();
			await(Duration.ofSeconds(20), d -> !d.getCurrentUrl().startsWith(this.baseUrl + "/login"));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("could not sign in as " + username + " at " + this.driver.getCurrentUrl()
					+ "; the page was:\n" + this.driver.getPageSource(), ex);
		}
		// from the sign-in page itself, the dashboard
		String expected = page.startsWith("/login") ? "/" : page;
		assertThat(this.driver.getCurrentUrl()).as("where the browser went after signing in")
			.isEqualTo(this.baseUrl + expected);
	}

	/** Waits until the dashboard has rendered its data once. */
	void awaitLoaded() {
		await(Duration.ofSeconds(20),
				d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
						|| !errorText().isEmpty());
		assertThat(errorText()).as("error shown on the dashboard").isEmpty();
	}

	/**
	 * POSTs from the page with the session's cookies and CSRF token (from
	 * {@code GET /api/csrf}), as the page does.
	 * @return the HTTP status
	 */
	int post(String path) {
		Object status = this.driver.executeAsyncScript("""
				const path = arguments[0];
				const done = arguments[arguments.length - 1];
				fetch('/api/csrf', { credentials: 'same-origin' })
				  .then(r => r.ok ? r.json() : {})
				  .then(csrf => fetch(path, { method: 'POST', credentials: 'same-origin',
				    headers: Object.assign({ 'Content-Type': 'application/json' },
				      csrf.headerName ? { [csrf.headerName]: csrf.token } : {}),
				    body: JSON.stringify({ dryRun: true, contentTypes: [] }) }))
				  .then(r => done(r.status), e => done(-1));
				""", path);
		return ((Number) status).intValue();
	}

	/** An answer to {@link #get(String)}. */
	record Response(int status, String body) {
	}

	/**
	 * GETs from the page with the session's cookies, as a link the page shows would.
	 * @return the answer
	 */
	Response get(String path) {
		Object answer = this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { credentials: 'same-origin' })
				  .then(r => r.text().then(body => done([r.status, body])), e => done([-1, String(e)]));
				""", path);
		List<?> values = (List<?>) answer;
		return new Response(((Number) values.get(0)).intValue(), String.valueOf(values.get(1)));
	}

	/**
	 * @return what the page's console said since the last call, e.g.
	 * Content-Security-Policy refusals
	 */
	List<String> consoleMessages() {
		return this.driver.manage()
			.logs()
			.get(org.openqa.selenium.logging.LogType.BROWSER)
			.getAll()
			.stream()
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.toList();
	}

	String errorText() {
		List<WebElement> boxes = this.driver.findElements(By.id("error"));
		return (boxes.isEmpty() || !boxes.get(0).isDisplayed()) ? "" : boxes.get(0).getText();
	}

	<T> T await(Duration timeout, Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, timeout).pollingEvery(Duration.ofMillis(200))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until(condition::apply);
	}

	/**
	 * Records from now on every text the element with this id shows (an empty one when it
	 * is hidden), so a test can read a notice that was on screen too briefly to be
	 * polled. The record lasts until the page is left.
	 */
	void recordTextsOf(String elementId) {
		this.driver.executeScript(
				"const element = document.getElementById(arguments[0]);"
						+ "const texts = (window.recordedTexts = window.recordedTexts || {})[arguments[0]] = [];"
						+ "new MutationObserver(() => texts.push(element.hidden ? '' : element.textContent))"
						+ ".observe(element, {attributes: true, childList: true, characterData: true, subtree: true});",
				elementId);
	}

	/**
	 * @return the texts recorded since {@link #recordTextsOf(String)}, oldest first
	 */
	List<String> recordedTextsOf(String elementId) {
		Object texts = this.driver.executeScript("return (window.recordedTexts || {})[arguments[0]] || [];", elementId);
		return ((List<?>) texts).stream().map(String::valueOf).toList();
	}

	WebElement find(String cssSelector) {
		return this.driver.findElement(By.cssSelector(cssSelector));
	}

	List<WebElement> findAll(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector));
	}

	/** Saves the whole page, from its top, as a PNG. */
	void screenshot(Path target) {
		Number height = (Number) this.driver
			.executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight;");
		this.driver.manage().window().setSize(new Dimension(1400, Math.min(6000, height.intValue() + 120)));
		File file = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

}
