package io.mediapurge.operations.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Filters;

import io.mediapurge.operations.launch.PurgeLauncher;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.support.TestServers;

import static io.mediapurge.support.CmsDocuments.article;
import static io.mediapurge.support.CmsDocuments.due;
import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static io.mediapurge.support.TestServers.s3Url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end in a real headless Chromium: the long-running mode over the
 * in-process MongoDB and S3 servers and an in-memory H2 job repository. An operator sees
 * a finished run's figures and restarts a failed run from the page; a viewer cannot act.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.profiles.active=server",
		"spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1", "media-purge.schedule.enabled=false",
		"media-purge.security.users[0].username=olivia", "media-purge.security.users[0].password={noop}operator-secret",
		"media-purge.security.users[0].role=OPERATOR", "media-purge.security.users[1].username=victor",
		"media-purge.security.users[1].password={noop}viewer-secret", "media-purge.security.users[1].role=VIEWER" })
class DashboardBrowserIntegrationTests {

	private static final Path SCREENSHOTS = DashboardRunsBrowserIntegrationTests.SCREENSHOTS;

	private static final List<String> COLLECTIONS = List.of("galleries", "articles", "theater_releases",
			"ott_releases");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private PurgeLauncher launcher;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private JdbcTemplate jdbc;

	private final EmbeddedS3 s3 = TestServers.s3();

	private HeadlessChromium browser;

	@BeforeEach
	void startBrowser() throws IOException {
		COLLECTIONS.forEach(collection -> this.mongo.getCollection(collection).deleteMany(new Document()));
		this.s3.clear();
		Files.createDirectories(SCREENSHOTS);
		this.browser = new HeadlessChromium("http://localhost:" + this.port);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anOperatorSeesTheFiguresAndRestartsAFailedRunWhileAViewerCannotAct() {
		JobExecution succeeded = runThatSucceeds();
		JobExecution failed = runThatFails();

		viewerCannotAct(failed);

		this.browser.signIn("olivia", "operator-secret");
		WebElement row = this.browser.find(row(succeeded));
		assertThat(row.getDomAttribute("data-status")).isEqualTo("COMPLETED");
		assertThat(this.browser.find(row(succeeded) + " [data-field=documentsPurged]").getText()).isEqualTo("2");
		assertThat(this.browser.find(row(succeeded) + " [data-field=imagesDeleted]").getText()).isEqualTo("3");
		assertThat(this.browser.find(row(succeeded) + " [data-field=documentsSkipped]").getText()).isEqualTo("1");
		WebElement galleries = this.browser.find(row(succeeded) + " li[data-content-type=gallery]");
		assertThat(galleries.getDomAttribute("data-documents-purged")).isEqualTo("1");
		assertThat(galleries.getDomAttribute("data-images-deleted")).isEqualTo("2");
		assertThat(this.browser.find(row(succeeded) + " li[data-content-type=article]").getText()).contains("1 purged");

		// the finished run in detail, with the document it skipped and why
		this.browser.find(row(succeeded) + " a[data-execution-link]").click();
		awaitDetailOf(succeeded.getId());
		WebElement skipped = this.browser.find("#detail-events tr[data-document-id=g-bad]");
		assertThat(skipped.getDomAttribute("data-event")).isEqualTo("SKIPPED");
		assertThat(skipped.getDomAttribute("data-reason-code")).isEqualTo("not-an-array");
		assertThat(this.browser.findAll("#detail-actions [data-action=restart]")).isEmpty();

		// the failed run: its error and the restart
		this.browser.find(row(failed) + " a[data-execution-link]").click();
		awaitDetailOf(failed.getId());
		assertThat(this.browser.find("#detail-execution").getDomAttribute("data-status")).isEqualTo("FAILED");
		assertThat(this.browser.find("#detail-execution").getText()).contains("purge-gallery");
		long before = lastExecutionId();
		this.browser.find("#detail-actions button[data-action=restart]").click();

		// the page polls until the restart has finished
		String restartedId = this.browser.await(Duration.ofSeconds(60),
				driver -> this.browser.findAll("#executions-body tr[data-execution-id][data-status=COMPLETED]")
					.stream()
					.map(r -> r.getDomAttribute("data-execution-id"))
					.filter(id -> Long.parseLong(id) > before)
					.findFirst()
					.orElse(null));
		assertThat(this.browser.errorText()).isEmpty();
		assertThat(this.browser.find("#message").getText()).isNotBlank();
		String restartedRow = "#executions-body tr[data-execution-id='" + restartedId + "']";
		assertThat(textOf(restartedRow)).contains("restart of #" + failed.getId());
		String purged = this.browser.await(Duration.ofSeconds(10),
				driver -> driver.findElement(By.cssSelector(restartedRow + " li[data-content-type=gallery]"))
					.getDomAttribute("data-documents-purged"));
		assertThat(purged).isEqualTo("1");
		assertThat(this.jdbc.queryForObject("SELECT status FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, Long.parseLong(restartedId)))
			.isEqualTo(BatchStatus.COMPLETED.name());

		// nothing lost, nothing left behind
		assertThat(storedGallery("g-fail")).isNull();
		assertThat(this.s3.exists("galleries/fail/1.jpg")).isFalse();
		assertThat(storedGallery("g-live")).isNotNull();
		assertThat(this.s3.exists("galleries/live.jpg")).isTrue();
		assertThat(storedGallery("g-bad")).isNotNull();

		this.browser.find(row(succeeded) + " a[data-execution-link]").click();
		awaitDetailOf(succeeded.getId());
		this.browser.screenshot(SCREENSHOTS.resolve("dashboard-restarted.png"));
	}

	@Test
	void anOperatorStartsADryRunOfOneContentTypeAndReachesItsPlan() {
		this.s3.put("galleries/dry/1.jpg", "articles/dry.jpg");
		insert("galleries", due(gallery("g-dry", cdnUrl("galleries/dry/1.jpg"))));
		insert("articles", due(article("a-dry", cdnUrl("articles/dry.jpg"), List.of())));
		long before = lastExecutionId();

		this.browser.signIn("olivia", "operator-secret");
		this.browser.find("#start-content-types").sendKeys("gallery");
		this.browser.find("#start-dry-run").click();
		this.browser.find("#start-form button[data-action=start]").click();

		WebElement detail = this.browser.await(Duration.ofSeconds(60), driver -> {
			WebElement shown = this.browser.find("#detail-execution");
			return (Long.parseLong(shown.getDomAttribute("data-execution-id")) > before
					&& "COMPLETED".equals(shown.getDomAttribute("data-status"))) ? shown : null;
		});
		assertThat(this.browser.errorText()).isEmpty();
		// the page re-renders as it refreshes: read through await, which retries a stale
		// element
		Boolean dryRunShown = this.browser.await(Duration.ofSeconds(10),
				driver -> driver.findElements(By.cssSelector("#detail-execution [data-dry-run]")).isEmpty() ? null
						: Boolean.TRUE);
		assertThat(dryRunShown).isTrue();
		// only the gallery was asked for; in a dry run the counts say what would happen
		assertThat(textOf("#detail-steps tr[data-content-type=gallery] [data-field=documentsPurged]")).isEqualTo("1");
		assertThat(textOf("#detail-steps th[data-column=documentsPurged]")).isEqualTo("Would purge");
		assertThat(textOf("#detail-steps th[data-column=imagesDeleted]")).isEqualTo("Would delete");
		assertThat(textOf("#detail-steps th[data-column=imagesOtherBucket]")).isEqualTo("Other bucket");
		assertThat(textOf("#detail-steps tr[data-content-type=article][data-not-selected]"))
			.contains("not run (not selected");
		String dryRow = "#executions-body tr[data-execution-id='" + shownExecutionId() + "']";
		assertThat(textOf(dryRow + " [data-field=documentsPurged]")).isEqualTo("would 1");
		assertThat(textOf(dryRow + " [data-field=imagesDeleted]")).isEqualTo("would 1");
		assertThat(textOf(dryRow + " li[data-content-type=gallery]")).contains("would purge 1");
		assertThat(this.browser.find(dryRow + " li[data-not-selected-content-types]")
			.getDomAttribute("data-not-selected-content-types")).contains("article");
		// 'nothing due' is said of no content type: the article has a due document
		assertThat(this.browser.findAll(dryRow + " li[data-idle-content-types]")).isEmpty();
		assertThat(textOf("#detail-plan")).contains("deletes nothing");
		this.browser.screenshot(SCREENSHOTS.resolve("dry-run.png"));
		String plan = this.browser.find("#plan-json").getDomAttribute("href");
		assertThat(this.browser.find("#plan-csv").getDomAttribute("href")).isEqualTo(plan + ".csv");
		HeadlessChromium.Response answer = this.browser.get(plan);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("g-dry").contains("galleries/dry/1.jpg").doesNotContain("a-dry");
		assertThat(this.browser.get(plan + ".csv").body()).contains("g-dry");

		// a dry run deletes nothing
		assertThat(storedGallery("g-dry")).isNotNull();
		assertThat(this.s3.exists("galleries/dry/1.jpg")).isTrue();

		this.browser.find("#logout").click();
		this.browser.await(Duration.ofSeconds(20), driver -> driver.getCurrentUrl().contains("/login"));
		assertThat(this.browser.get("/api/executions").status()).isEqualTo(401);
	}

	private void viewerCannotAct(JobExecution failed) {
		long executions = executionCount();
		this.browser.signIn("victor", "viewer-secret");
		this.browser.open("/#execution-" + failed.getId());
		this.browser.awaitLoaded();
		awaitDetailOf(failed.getId());
		// the page offers a viewer no working action: hidden, or refused with a clear
		// message
		List<WebElement> restart = this.browser.findAll("#detail-actions button[data-action=restart]");
		if (!restart.isEmpty()) {
			restart.get(0).click();
			awaitRefused();
			this.browser.open("/");
			this.browser.awaitLoaded();
		}
		WebElement start = this.browser.find("#start-form button[data-action=start]");
		if (start.isDisplayed()) {
			start.click();
			awaitRefused();
		}
		// and the API refuses the viewer's session whatever the page shows
		assertThat(this.browser.post("/api/executions/" + failed.getId() + "/restart")).isEqualTo(403);
		assertThat(this.browser.post("/api/executions")).isEqualTo(403);
		assertThat(executionCount()).isEqualTo(executions);
	}

	private void awaitRefused() {
		this.browser.await(Duration.ofSeconds(20), driver -> !this.browser.errorText().isEmpty());
		assertThat(this.browser.find("#error").getDomAttribute("data-status")).isEqualTo("403");
		assertThat(this.browser.errorText()).containsIgnoringCase("operator");
	}

	private void awaitDetailOf(long executionId) {
		this.browser.await(Duration.ofSeconds(20), driver -> String.valueOf(executionId)
			.equals(this.browser.find("#detail-execution").getDomAttribute("data-execution-id")));
	}

	private JobExecution runThatSucceeds() {
		this.s3.put("galleries/ok/1.jpg", "galleries/ok/2.jpg", "articles/ok.jpg", "galleries/live.jpg");
		insert("galleries", due(gallery("g-ok", s3Url("galleries/ok/1.jpg"), cdnUrl("galleries/ok/2.jpg"))),
				gallery("g-live", cdnUrl("galleries/live.jpg")),
				due(new Document("gallery_id", "g-bad").append("images", cdnUrl("galleries/bad.jpg"))));
		insert("articles", due(article("a-ok", cdnUrl("articles/ok.jpg"), List.of())));
		JobExecution execution = this.launcher.run(false, Set.of());
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(storedGallery("g-ok")).isNull();
		assertThat(this.s3.keys()).containsExactly("galleries/live.jpg");
		return execution;
	}

	private JobExecution runThatFails() {
		this.s3.put("galleries/fail/1.jpg");
		insert("galleries", due(gallery("g-fail", cdnUrl("galleries/fail/1.jpg"))));
		// S3 refuses the gallery step's request outright: the step fails, the run is
		// restartable
		this.s3.faults().failNextRequests(1, 403, "AccessDenied");
		JobExecution execution = this.launcher.run(false, Set.of());
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		return execution;
	}

	private void insert(String collection, Document... documents) {
		this.mongo.getCollection(collection).insertMany(List.of(documents));
	}

	private Document storedGallery(String galleryId) {
		return this.mongo.getCollection("galleries").find(Filters.eq("gallery_id", galleryId)).first();
	}

	private long shownExecutionId() {
		return Long.parseLong(this.browser.find("#detail-execution").getDomAttribute("data-execution-id"));
	}

	private long lastExecutionId() {
		Long last = this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
		return (last != null) ? last : 0;
	}

	private long executionCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	private static String row(JobExecution execution) {
		return "#executions-body tr[data-execution-id='" + execution.getId() + "']";
	}

	private String textOf(String selector) {
		return this.browser.await(Duration.ofSeconds(10),
				driver -> driver.findElement(By.cssSelector(selector)).getText());
	}

}
