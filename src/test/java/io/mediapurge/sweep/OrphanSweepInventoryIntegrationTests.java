package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.mediapurge.operations.cli.ExitCodes;
import io.mediapurge.support.S3Inventories;
import io.mediapurge.sweep.OrphanSweepJobBatchTests.Steps;
import io.mediapurge.sweep.plan.ApplyOutcome;
import io.mediapurge.sweep.plan.PlanSource;
import io.mediapurge.sweep.plan.PlanStatus;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;

/**
 * Plans whose listing is an S3 Inventory report instead of ListObjectsV2: partitioned by
 * data file, the same plan as a listing would make, and a stale inventory that can only
 * keep objects (an object created since is absent from it; one changed or deleted since
 * is kept or skipped by the apply's own listing).
 */
class OrphanSweepInventoryIntegrationTests extends SweepIntegrationTestSupport {

	S3Inventories inventories;

	@BeforeEach
	void inventories() {
		this.inventories = new S3Inventories(this.s3);
		this.inventories.clear();
	}

	@Test
	void aPlanFromAnInventoryIsPartitionedByDataFileAndMatchesAListingsPlan() {
		// given: seven objects under two prefixes, one shown by a document, and an
		// inventory of them in three data files, rows of both prefixes in each
		for (int i = 1; i <= 4; i++) {
			this.s3.put("galleries/" + i + ".jpg");
		}
		this.s3.put("articles/1.jpg", "articles/2.jpg", "articles/3.jpg", "releases/outside.jpg");
		insert("galleries", gallery("g", cdnUrl("galleries/2.jpg")));
		List<String> rows = new ArrayList<>(this.inventories.rows(""));
		Instant created = Instant.now().minus(Duration.ofHours(3));
		String location = this.inventories.deliver(created,
				List.of(rows.subList(0, 3), rows.subList(3, 6), rows.subList(6, rows.size())));
		long listed = plan("galleries/", "articles/");
		this.s3.faults().reset();

		// when
		JobExecution execution = this.sweeps.plan(List.of("galleries/", "articles/"), Duration.ZERO, location);

		// then: one partition per data file, and not one ListObjectsV2 request
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.s3.faults().listedPrefixes()).isEmpty();
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.contains("sweep-list", "sweep-list-partition:f0", "sweep-list-partition:f1", "sweep-list-partition:f2")
			.noneMatch(name -> name.startsWith("sweep-list-partition:p"));
		assertThat(Steps.of(execution, "sweep-list-partition:f1").getExecutionContext().getString("file"))
			.endsWith("data/part-1.csv.gz");
		StepExecution list = Steps.of(execution, "sweep-list");
		assertThat(list.getReadCount()).isEqualTo(7);
		assertThat(list.getExecutionContext().getLong("inventoryRows")).isEqualTo(8);
		long planId = execution.getJobInstance().getInstanceId();
		SweepPlan plan = this.plans.get(planId);
		SweepPlan fromListing = this.plans.get(listed);
		// the same candidates, ETags and LastModified, and totals that sum over the files
		assertThat(this.plans.objects(planId, 0, 100)).isEqualTo(this.plans.objects(listed, 0, 100));
		assertThat(candidates(planId)).hasSize(6).doesNotContain("galleries/2.jpg");
		assertThat(plan.totals()).isEqualTo(fromListing.totals());
		assertThat(plan.totals()).filteredOn(totals -> totals.prefix().equals("galleries/"))
			.singleElement()
			.extracting(PrefixTotals::objectsListed, PrefixTotals::objectsReferenced, PrefixTotals::orphanObjects)
			.containsExactly(4L, 1L, 3L);
		assertThat(plan.reclaimableBytes()).isEqualTo(fromListing.reclaimableBytes()).isPositive();
		assertThat(plan.status()).isEqualTo(PlanStatus.READY);
		assertThat(plan.source()).isEqualTo(PlanSource.inventory(location, created.truncatedTo(ChronoUnit.MILLIS)));
		assertThat(fromListing.source()).isEqualTo(PlanSource.LISTING);
	}

	@Test
	void anObjectCreatedAfterTheInventoryIsNeverACandidate() {
		// given: an inventory of two objects, then two objects uploaded since, old enough
		// for the plan, one of them shown by a document
		this.s3.put("galleries/a.jpg", "galleries/b.jpg");
		String location = this.inventories.deliver(Instant.now().minus(Duration.ofMinutes(5)),
				List.of(this.inventories.rows("galleries/")));
		this.s3.put("galleries/uploaded-since.jpg", "galleries/shown-since.jpg");
		insert("galleries", gallery("g", cdnUrl("galleries/shown-since.jpg")));

		// when
		long planId = planFrom(location, "galleries/");

		// then: neither is a candidate, whatever its age; the stale inventory can only
		// report the reference to one as dangling
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg");
		assertThat(this.plans.get(planId).totals()).singleElement()
			.satisfies(totals -> assertThat(totals.objectsListed()).isEqualTo(2));
		assertThat(this.plans.dangling(planId, 0, 10)).singleElement()
			.satisfies(reference -> assertThat(reference.key()).isEqualTo("galleries/shown-since.jpg"));

		// and its apply never deletes them
		assertThat(ExitCodes.of(this.sweeps.apply(planId))).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.s3.keys()).containsExactly("galleries/shown-since.jpg", "galleries/uploaded-since.jpg");
	}

	@Test
	void anObjectOverwrittenOrDeletedSinceTheInventoryIsKeptOrSkippedByTheApply() {
		// given: an inventory of three objects; since, one was overwritten and one
		// deleted
		this.s3.put("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		String location = this.inventories.deliver(Instant.now().minus(Duration.ofMinutes(5)),
				List.of(this.inventories.rows("galleries/")));
		this.s3.putContent("galleries/b.jpg", "a new image under the same key");
		this.s3.delete("galleries/c.jpg");
		this.s3.faults().reset();

		// when: a plan from the inventory, then its apply
		long planId = planFrom(location, "galleries/");
		assertThat(candidates(planId)).containsExactly("galleries/a.jpg", "galleries/b.jpg", "galleries/c.jpg");
		JobExecution applied = this.sweeps.apply(planId);

		// then: the overwritten object is kept, the deleted one skipped
		assertThat(ExitCodes.of(applied)).isEqualTo(ExitCodes.COMPLETED_WITH_ISSUES);
		assertThat(this.s3.keys()).containsExactly("galleries/b.jpg");
		assertThat(keysSentToS3()).containsExactly("galleries/a.jpg");
		assertThat(this.plans.outcomes(planId)).containsEntry(ApplyOutcome.DELETED, 1L)
			.containsEntry(ApplyOutcome.KEPT_CHANGED, 1L)
			.containsEntry(ApplyOutcome.GONE, 1L);
	}

	@Test
	void aPlanWhoseInventoryFileBrokeFailsAndListsEveryFileAgainWhenRestarted() {
		// given: two data files, the second of which is not the file its manifest
		// describes
		this.s3.put("galleries/1.jpg", "galleries/2.jpg", "articles/1.jpg", "articles/2.jpg");
		List<String> rows = this.inventories.rows("");
		String location = this.inventories.deliver(Instant.now().minus(Duration.ofMinutes(5)),
				List.of(rows.subList(0, 2), rows.subList(2, 4)));
		String dir = location.substring(("s3://" + S3Inventories.DESTINATION + "/").length(),
				location.length() - "manifest.json".length());
		byte[] second = this.inventories.get(dir + "data/part-1.csv.gz");
		byte[] damaged = second.clone();
		damaged[damaged.length - 9] ^= 1;
		this.inventories.put(dir + "data/part-1.csv.gz", damaged);

		// when
		JobExecution broken = this.sweeps.plan(List.of("galleries/", "articles/"), Duration.ZERO, location);

		// then: the plan failed, naming the file; it cannot be applied
		assertThat(broken.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(ExitCodes.of(broken)).isEqualTo(ExitCodes.FAILED);
		assertThat(broken.getExitStatus().getExitDescription()).contains("data/part-1.csv.gz");
		long planId = broken.getJobInstance().getInstanceId();
		assertThat(this.plans.get(planId).status()).isEqualTo(PlanStatus.PLANNING);

		// when: the file is repaired and the plan restarted
		this.inventories.put(dir + "data/part-1.csv.gz", second);
		JobExecution restarted = this.sweeps.restart(broken.getId());

		// then: every file listed again, nothing twice
		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Steps.of(restarted, "sweep-list").getReadCount()).isEqualTo(4);
		assertThat(candidates(planId)).hasSize(4);
		assertThat(this.plans.get(planId).totals()).extracting(PrefixTotals::objectsListed).containsExactly(2L, 2L);
	}

	private long planFrom(String inventory, String... prefixes) {
		JobExecution execution = this.sweeps.plan(List.of(prefixes), Duration.ZERO, inventory);
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		return execution.getJobInstance().getInstanceId();
	}

}
