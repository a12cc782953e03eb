package io.mediapurge.operations.cli;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.support.ApplicationTestSupport;
import io.mediapurge.support.S3Inventories;
import io.mediapurge.support.SecondProcess;
import io.mediapurge.support.TestServers;

/**
 * {@code sweep plan inventory=s3://...} end to end on the command line: the plan's source
 * in its text and JSON forms, every inventory that is refused (exit code 2, one line
 * saying what is wrong, no plan), and a data row that cannot be read (the plan fails,
 * naming file and line).
 */
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SweepInventoryCommandLineIntegrationTests extends ApplicationTestSupport {

	static final String REPOSITORY = "jdbc:h2:mem:sweep-inventory-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	static final SecondProcess COMMAND_LINE = SecondProcess.on(REPOSITORY);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServers.register(registry);
		registry.add("spring.datasource.url", () -> REPOSITORY);
	}

	S3Inventories inventories;

	@BeforeEach
	void inventories() {
		this.inventories = new S3Inventories(this.s3);
		this.inventories.clear();
		this.jdbc.update("DELETE FROM sweep_plan");
	}

	@Test
	void aPlanFromAnInventoryShowsItsSource(CapturedOutput output) {
		// given
		this.s3.put("galleries/orphan.jpg", "galleries/shown.jpg", "articles/other.jpg");
		this.mongo.getCollection("galleries").insertOne(gallery("g-1", cdnUrl("galleries/shown.jpg")));
		Instant created = Instant.now().minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MILLIS);
		String location = this.inventories.deliver(created, List.of(this.inventories.rows("")));
		this.s3.faults().reset();

		// when
		assertThat(cli("sweep", "plan", "inventory=" + location, "prefixes=galleries/", "minAge=PT0S")).isZero();

		// then
		Matcher planned = Pattern.compile("Plan (\\d+) \\(execution").matcher(output.getOut());
		assertThat(planned.find()).isTrue();
		String planId = planned.group(1);
		assertThat(output.getOut()).contains("source S3 Inventory " + location + " (created ")
			.contains("orphans 1")
			.containsPattern("galleries/ +2 +0 +1 +1");
		assertThat(this.s3.faults().listedPrefixes()).isEmpty();
		int before = output.getOut().length();
		assertThat(cli("sweep", "show", planId, "format=json")).isZero();
		JsonNode source = JsonMapper.builder().build().readTree(output.getOut().substring(before)).get("source");
		assertThat(source.get("type").asString()).isEqualTo("inventory");
		assertThat(source.get("manifest").asString()).isEqualTo(location);
		assertThat(Instant.parse(source.get("manifestCreatedAt").asString())).isEqualTo(created);
	}

	@Test
	void anInventoryAPlanMustNotBeBuiltFromIsRefusedWithOneLine(CapturedOutput output) {
		this.s3.put("galleries/a.jpg");
		List<String> rows = this.inventories.rows("");
		Instant recent = Instant.now().minus(Duration.ofHours(2));
		this.s3.faults().reset();

		assertRefused(output, "https://media-inventory.s3.amazonaws.com/inv/manifest.json", "is not an s3:// location");
		assertRefused(output, "s3://media-inventory/inv/symlink.txt", "is not a manifest.json");
		assertRefused(output,
				this.inventories.deliver("media-staging", "CSV", S3Inventories.SCHEMA, recent, List.of(rows)),
				"lists bucket 'media-staging', not 'media'");
		assertRefused(output,
				this.inventories.deliver("media", "ORC", S3Inventories.SCHEMA, recent.plusMillis(1), List.of(rows)),
				"is of format ORC: only CSV inventories are supported");
		assertRefused(output,
				this.inventories.deliver("media", "CSV", "Bucket, Key, Size", recent.plusMillis(2), List.of(rows)),
				"has no column LastModifiedDate, ETag");
		assertRefused(output, this.inventories.deliver(Instant.now().minus(Duration.ofDays(9)), List.of(rows)),
				"more than the maximum age of 192 hours");
		String young = this.inventories.deliver(recent.plusMillis(3), List.of(rows));
		assertRefused(output, young, "more than the maximum age of 1 hours",
				"--media-purge.sweep.inventory-max-age=PT1H");
		String altered = this.inventories.deliver(recent.plusMillis(4), List.of(rows));
		this.inventories.put(this.inventories.dir(recent.plusMillis(4)) + "manifest.checksum",
				"0123456789abcdef0123456789abcdef".getBytes());
		assertRefused(output, altered, "but its manifest.checksum says 0123456789abcdef0123456789abcdef");
		assertRefused(output, "s3://media-inventory/nothing/manifest.json", "does not exist");
		// nothing was planned, and the bucket was never listed
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sweep_plan", Long.class)).isZero();
		assertThat(this.s3.faults().listedPrefixes()).isEmpty();
	}

	@Test
	void anInventoryWithoutAnObjectUnderAPrefixIsRefusedNamingThePrefix(CapturedOutput output) {
		// given: an inventory filtered to galleries/, though articles/ holds objects that
		// documents show
		this.s3.put("galleries/a.jpg", "articles/b.jpg");
		this.mongo.getCollection("galleries").insertOne(gallery("g-1", cdnUrl("articles/b.jpg")));
		String location = this.inventories.deliver(Instant.now().minus(Duration.ofHours(2)),
				List.of(this.inventories.rows("galleries/")));

		// when
		int before = output.getErr().length();
		int code = cli("sweep", "plan", "inventory=" + location, "prefixes=galleries/,articles/", "minAge=PT0S");

		// then: refused, and the plan can never be applied
		assertThat(code).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		String line = oneLine(output.getErr().substring(before));
		assertThat(line).contains("holds no object under prefix 'articles/'").contains("dangling").contains(location);
		assertThat(this.jdbc.queryForList("SELECT status FROM sweep_plan", String.class)).containsExactly("PLANNING");
	}

	@Test
	void aDataRowThatCannotBeReadFailsThePlanNamingFileAndLine(CapturedOutput output) {
		// given
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		List<String> rows = new ArrayList<>(this.inventories.rows(""));
		rows.set(1,
				S3Inventories.csv("media", "galleries/b.jpg", "12kB", "2024-04-01T00:00:00.000Z", "aa", "STANDARD"));
		Instant created = Instant.now().minus(Duration.ofHours(2));
		String location = this.inventories.deliver(created, List.of(rows.subList(0, 1), rows.subList(1, 2)));

		// when
		int before = output.getErr().length();
		int code = cli("sweep", "plan", "inventory=" + location, "prefixes=galleries/", "minAge=PT0S");

		// then
		assertThat(code).isEqualTo(ExitCodes.FAILED.code());
		assertThat(output.getErr().substring(before))
			.contains(this.inventories.dir(created) + "data/part-1.csv.gz, line 1: Size '12kB', not a number of bytes");
		assertThat(this.jdbc.queryForList("SELECT status FROM sweep_plan", String.class)).containsExactly("PLANNING");
	}

	private void assertRefused(CapturedOutput output, String location, String message, String... options) {
		int before = output.getErr().length();
		List<String> arguments = new ArrayList<>(List.of(options));
		arguments.addAll(List.of("sweep", "plan", "inventory=" + location, "prefixes=galleries/"));
		assertThat(cli(arguments.toArray(String[]::new))).as(location).isEqualTo(ExitCodes.CONFIGURATION_ERROR.code());
		assertThat(oneLine(output.getErr().substring(before))).contains(message);
	}

	/**
	 * What a person reads: exactly one line. Logback's own status lines ("|-WARN in
	 * Logger[...] - No appenders present") are left out: they come from this JVM running
	 * command after command, when a MongoDB monitor thread of the test's context logs
	 * while a command's start resets logging; a command run in a process of its own
	 * (CommandLineProcessIntegrationTests) never prints them.
	 */
	private static String oneLine(String err) {
		List<String> lines = err.lines()
			.filter(line -> !line.isBlank())
			.filter(line -> !line.matches("^[0-9:,]+ \\|-(INFO|WARN|ERROR) in .*"))
			.toList();
		assertThat(lines).as(err).hasSize(1);
		assertThat(lines.get(0)).startsWith("media-purge: ");
		return lines.get(0);
	}

	private int cli(String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--media-purge.s3.delete.initial-backoff=5ms", "--media-purge.s3.delete.max-backoff=20ms"));
		all.addAll(List.of(arguments));
		return COMMAND_LINE.run(all.toArray(String[]::new));
	}

}
