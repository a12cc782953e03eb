package io.mediapurge.operations.dashboard;

import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.SlowS3;
import io.mediapurge.support.TestServers;

/**
 * The dashboard while runs go on, as an operator follows them in a real headless
 * Chromium: the chart takes in a run that ends while the page is open, a running
 * execution shows how far it got and that S3 is pushing back, a failed run says why once,
 * and every time names its zone. Screenshots of each page go to
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.profiles.active=server",
		"spring.datasource.url=jdbc:h2:mem:dashboard-runs;DB_CLOSE_DELAY=-1", "media-purge.schedule.enabled=false",
		"media-purge.security.users[0].username=olivia", "media-purge.security.users[0].password={noop}operator-secret",
		"media-purge.security.users[0].role=OPERATOR" })
class DashboardRunsBrowserIntegrationTests extends ApplicationTestSupport {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		// with SlowS3 each chunk of one document waits one backoff: a run lasts seconds
		registry.add("media-purge.chunk-size", () -> "1");
		registry.add("media-purge.s3.delete.initial-backoff", () -> "400ms");
		registry.add("media-purge.s3.delete.max-backoff", () -> "400ms");
	}

	@LocalServerPort
	int port;

	HeadlessChromium browser;

	@BeforeEach
	void startBrowser() throws IOException {
		Files.createDirectories(SCREENSHOTS);
		this.s3.faults().reset();
		this.browser = new HeadlessChromium("http://localhost:" + this.port);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void theChartTakesInARunThatEndsWhileThePageIsOpenAndEveryTimeNamesItsZone() {
		seedGalleries("chart", 2);
		this.browser.signIn("olivia", "operator-secret");
		String today = LocalDate.now(ZoneId.systemDefault()).toString();
		long before = Long.parseLong(
				this.browser.find("#trend rect.bar[data-date='" + today + "']").getDomAttribute("data-images-deleted"));
		this.browser.screenshot(SCREENSHOTS.resolve("dashboard-before-a-run.png"));

		// a run started elsewhere (the schedule, another operator): the page is not
		// touched
		JobExecution run = this.launcher.run(false, Set.of());
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// the page refreshes itself (every 30 s when idle) and the chart follows
		String after = this.browser.await(Duration.ofSeconds(45),
				(driver) -> driver.findElement(By.cssSelector("#trend rect.bar[data-date='" + today + "']"))
					.getDomAttribute("data-images-deleted")
					.equals(Long.toString(before + 2)) ? "updated" : null);
		assertThat(after).isEqualTo("updated");
		assertThat(this.browser.find("#executions-body tr[data-execution-id='" + run.getId() + "']")
			.getDomAttribute("data-status")).isEqualTo("COMPLETED");
		String zone = (String) ((JavascriptExecutor) this.browser.driver()).executeScript(
				"return new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date())"
						+ ".find((part) => part.type === 'timeZoneName').value;");
		assertThat(this.browser.find("#time-zone").getText()).startsWith("Times in ");
		assertThat(
				this.browser.find("#executions-body tr[data-execution-id='" + run.getId() + "'] td.nowrap").getText())
			.endsWith(zone);
		this.browser.screenshot(SCREENSHOTS.resolve("dashboard-after-a-run.png"));
	}

	@Test
	void aRunningExecutionShowsHowFarItGotAndThatS3IsPushingBack() throws Exception {
		seedGalleries("slow", 30);
		this.browser.signIn("olivia", "operator-secret");
		long executionId;
		try (SlowS3 slow = new SlowS3(this.s3.faults())) {
			executionId = this.launcher.startInBackground(false, Set.of("gallery"));
			this.browser.open("/#execution-" + executionId);
			this.browser.awaitLoaded();

			String read = this.browser.await(Duration.ofSeconds(30), (driver) -> {
				String documents = driver.findElement(By.id("detail-progress")).getDomAttribute("data-documents-read");
				String throttled = driver.findElement(By.id("detail-s3")).getDomAttribute("data-s3-throttled");
				return (Long.parseLong(documents) > 0 && Long.parseLong(throttled) > 0) ? documents : null;
			});
			assertThat(Long.parseLong(read)).isPositive();
			assertThat(this.browser.find("#detail-progress").getDomAttribute("data-steps")).isEqualTo("gallery");
			assertThat(this.browser.find("#detail-s3").getText()).contains("S3 is pushing back")
				.contains("throttled (SlowDown)")
				.contains("retried");
			// while it runs the list counts what is done so far, not zeros
			String purged = this.browser.await(Duration.ofSeconds(20), (driver) -> {
				String text = driver.findElement(By.cssSelector(
						"#executions-body tr[data-execution-id='" + executionId + "'] [data-field=documentsPurged]"))
					.getText();
				return "0".equals(text) ? null : text;
			});
			assertThat(Long.parseLong(purged.replace(",", ""))).isPositive();
			this.browser.screenshot(SCREENSHOTS.resolve("execution-running.png"));
		}
		this.browser
			.await(Duration.ofSeconds(120),
					(driver) -> "COMPLETED"
						.equals(driver.findElement(By.id("detail-execution")).getDomAttribute("data-status")) ? true
								: null);
		assertThat(this.browser.findAll("#detail-progress")).isEmpty();
		assertThat(this.mongo.getCollection("galleries").countDocuments()).isZero();
	}

	@Test
	void aFailedRunSaysWhyOnce() {
		seedGalleries("fail", 1);
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		JobExecution failed = this.launcher.run(false, Set.of("gallery"));
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

		this.browser.signIn("olivia", "operator-secret");
		this.browser.open("/#execution-" + failed.getId());
		this.browser.awaitLoaded();
		String text = this.browser.await(Duration.ofSeconds(20), (driver) -> {
			String shown = driver.findElement(By.id("detail-execution")).getText();
			return shown.contains("S3 refused DeleteObjects") ? shown : null;
		});

		assertThat(occurrences(text, "S3 refused DeleteObjects")).isOne();
		assertThat(this.browser.find("#detail-failures").getText()).contains("S3 refused DeleteObjects");
		this.browser.screenshot(SCREENSHOTS.resolve("execution-failed.png"));
	}

	@Test
	void theStepsOfARunShowEveryColumnInAWideWindowAndKeepTheirNamesInViewInANarrowOne() {
		seedGalleries("steps", 1);
		Document broken = due(gallery("steps-broken"));
		broken.put("images", "not-an-array");
		this.mongo.getCollection("galleries").insertOne(broken);
		JobExecution run = this.launcher.run(false, Set.of("gallery"));
		this.browser.signIn("olivia", "operator-secret");
		this.browser.open("/#execution-" + run.getId());
		this.browser.awaitLoaded();
		this.browser.await(Duration.ofSeconds(20),
				(driver) -> driver
					.findElements(By.cssSelector("#detail-steps tr[data-content-type=gallery] [data-field=reasons]"))
					.stream()
					.anyMatch((cell) -> cell.getText().contains("not-an-array")));
		JavascriptExecutor js = (JavascriptExecutor) this.browser.driver();
		String measure = "const wrap = document.getElementById('detail-steps').parentElement;"
				+ "const cell = document.querySelector('#detail-steps tr[data-content-type=gallery] [data-field=reasons]');"
				+ "const step = document.querySelector('#detail-steps tr[data-content-type=gallery] th');"
				+ "wrap.scrollLeft = wrap.scrollWidth;"
				+ "const w = wrap.getBoundingClientRect(), c = cell.getBoundingClientRect(), s = step.getBoundingClientRect();"
				+ "return [wrap.scrollWidth - wrap.clientWidth, Math.round(c.right - w.right), Math.round(s.left - w.left)];";

		// a window as wide as a laptop's: the whole table, the reasons column last and
		// whole
		this.browser.driver().manage().window().setSize(new Dimension(1400, 1000));
		List<?> wide = (List<?>) js.executeScript(measure);
		assertThat(((Number) wide.get(0)).intValue()).as("horizontal scroll").isLessThanOrEqualTo(0);
		assertThat(((Number) wide.get(1)).intValue()).as("reasons past the right edge").isLessThanOrEqualTo(0);
		assertThat(this.browser.find("#detail-steps tr[data-content-type=gallery] [data-field=reasons]").getText())
			.matches("not-an-array[\\s\\u00a0]×[\\s\\u00a0]1");

		// a narrow one: the table scrolls, and scrolled to its end each row still says
		// its step
		this.browser.driver().manage().window().setSize(new Dimension(800, 1000));
		List<?> narrow = (List<?>) js.executeScript(measure);
		assertThat(((Number) narrow.get(0)).intValue()).as("horizontal scroll").isPositive();
		assertThat(((Number) narrow.get(1)).intValue()).as("reasons past the right edge").isLessThanOrEqualTo(0);
		assertThat(((Number) narrow.get(2)).intValue()).as("step name left of the view").isGreaterThanOrEqualTo(0);
		this.browser.screenshot(SCREENSHOTS.resolve("execution-steps-wide.png"));
	}

	private void seedGalleries(String prefix, int count) {
		List<Document> galleries = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String key = "galleries/" + prefix + "-" + i + "/1.jpg";
			this.s3.put(key);
			galleries.add(due(gallery(prefix + "-" + i, cdnUrl(key))));
		}
		this.mongo.getCollection("galleries").insertMany(galleries);
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
