package io.mediapurge.operations.plan;

import static io.mediapurge.operations.metrics.SampleNight.EXTERNAL_URL;
import static io.mediapurge.operations.metrics.SampleNight.SUSPICIOUS_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.mediapurge.operations.metrics.SampleNight;
import io.mediapurge.operations.plan.DryRunPlan.Document;
import io.mediapurge.operations.plan.DryRunPlan.Totals;
import io.mediapurge.purge.DryRunPlanRecorder.PlannedDocument;
import io.mediapurge.support.PurgeIntegrationTestSupport;

/**
 * A dry run writes a plan, per document, that lists exactly what the real run would
 * delete, keep and block, and deletes nothing.
 */
class DryRunPlanIntegrationTests extends PurgeIntegrationTestSupport {

	@Autowired
	DryRunPlans plans;

	@Autowired
	JdbcDryRunPlanRecorder recorder;

	@Test
	void aDryRunPlansEveryDocumentAndDeletesNothing() {
		SampleNight.seed(this.mongo, this.s3, this.jdbc);
		Set<String> keysBefore = this.s3.keys();
		long documentsBefore = countAll();

		JobExecution execution = this.launcher.run(true, Set.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.keys()).isEqualTo(keysBefore);
		assertThat(countAll()).isEqualTo(documentsBefore);
		assertThat(this.s3.faults().deleteRequests()).isEmpty();
		DryRunPlan plan = this.plans.find(execution.getId());
		assertThat(plan.documents()).extracting(Document::contentType, Document::documentId, Document::action)
			.containsExactly(tuple("article", "a1", "purge"), tuple("gallery", "g1", "purge"),
					tuple("gallery", "g2", "purge"), tuple("gallery", "g3", "block"), tuple("gallery", "g4", "purge"));
		Document g1 = document(plan, "g1");
		assertThat(g1.keysToDelete()).containsExactly("galleries/g1/1.jpg", "galleries/g1/2.jpg");
		assertThat(g1.keysShared()).containsExactly("shared/logo.jpg");
		assertThat(g1.externalUrls()).containsExactly(EXTERNAL_URL);
		assertThat(g1.blockedReasonCode()).isNull();
		Document g3 = document(plan, "g3");
		assertThat(g3.keysToDelete()).isEmpty();
		assertThat(g3.blockedReasonCode()).isEqualTo("suspicious-url");
		assertThat(g3.blockedReason()).contains(SUSPICIOUS_URL);
		assertThat(document(plan, "g4").keysToDelete()).containsExactly("galleries/g4/held.jpg");
		assertThat(plan.skipped()).singleElement().satisfies(skipped -> {
			assertThat(skipped.documentId()).isEqualTo("not-an-array");
			assertThat(skipped.reasonCode()).isEqualTo("not-an-array");
		});
		assertThat(plan.totals()).isEqualTo(new Totals(4, 1, 1, 5, 1, 1));
		assertThat(plan.contentTypes()).containsOnlyKeys("article", "gallery");
		assertThat(plan.contentTypes().get("gallery")).isEqualTo(new Totals(3, 1, 1, 4, 1, 1));

		List<String> csv = DryRunPlanCsv.write(plan).lines().toList();
		assertThat(csv.get(0)).isEqualTo(DryRunPlanCsv.HEADER);
		assertThat(csv).contains(
				"\"gallery\",\"g1\",\"" + g1.objectId() + "\",\"purge\",\"delete\",\"galleries/g1/1.jpg\",\"\",\"\"",
				"\"gallery\",\"g1\",\"" + g1.objectId() + "\",\"purge\",\"shared\",\"shared/logo.jpg\",\"\",\"\"",
				"\"gallery\",\"g1\",\"" + g1.objectId() + "\",\"purge\",\"external\",\"" + EXTERNAL_URL
						+ "\",\"\",\"\"",
				"\"gallery\",\"not-an-array\",\"\",\"skip\",\"\",\"\",\"not-an-array\","
						+ DryRunPlanCsv.quote(plan.skipped().get(0).reason()));
		assertThat(csv).filteredOn(line -> line.contains(",\"delete\",")).hasSize(5);
		assertThat(csv).filteredOn(line -> line.startsWith("\"gallery\",\"g3\"")).singleElement().satisfies(line -> {
			assertThat(line).contains("\"block\",\"\",\"\",\"suspicious-url\"");
		});
	}

	@Test
	void aRetriedChunkIsRecordedOnce() {
		this.launcher.run(true, Set.of("article"));
		long execution = this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
		PlannedDocument first = new PlannedDocument("oid-1", "doc-1", List.of("a/1.jpg", "a/2.jpg"), List.of(),
				List.of(), null, null);
		PlannedDocument retried = new PlannedDocument("oid-1", "doc-1", List.of("a/1.jpg"), List.of("a/2.jpg"),
				List.of(), null, null);

		this.recorder.record(execution, "article", List.of(first));
		this.recorder.record(execution, "article", List.of(retried));

		DryRunPlan plan = this.plans.find(execution);
		assertThat(plan.documents()).singleElement().satisfies(document -> {
			assertThat(document.keysToDelete()).containsExactly("a/1.jpg");
			assertThat(document.keysShared()).containsExactly("a/2.jpg");
		});
	}

	@Test
	void aRealRunOrAnUnknownExecutionHasNoPlan() {
		JobExecution real = this.launcher.run(false, Set.of("article"));

		assertThatExceptionOfType(PlanNotFoundException.class).isThrownBy(() -> this.plans.find(real.getId()))
			.withMessageContaining("not a dry run");
		assertThatExceptionOfType(PlanNotFoundException.class).isThrownBy(() -> this.plans.find(987654L))
			.withMessage("No execution 987654");
	}

	@Test
	void csvQuotesSeparatorsQuotesAndNewlinesAndDisarmsFormulas() {
		assertThat(DryRunPlanCsv.quote("a,b")).isEqualTo("\"a,b\"");
		assertThat(DryRunPlanCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(DryRunPlanCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(DryRunPlanCsv.quote("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(DryRunPlanCsv.quote(null)).isEqualTo("\"\"");
	}

	private static Document document(DryRunPlan plan, String documentId) {
		return plan.documents().stream().filter(d -> d.documentId().equals(documentId)).findFirst().orElseThrow();
	}

}
