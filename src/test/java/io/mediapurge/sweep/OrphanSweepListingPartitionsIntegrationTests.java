package io.mediapurge.sweep;

import static io.mediapurge.support.CmsDocuments.gallery;
import static io.mediapurge.support.TestServers.cdnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.mediapurge.sweep.OrphanSweepJobBatchTests.Steps;
import io.mediapurge.sweep.plan.PlanStatus;
import io.mediapurge.sweep.plan.PrefixTotals;
import io.mediapurge.sweep.plan.SweepPlan;

/**
 * A plan's listing is one partition per prefix, listed at the same time, and a plan whose
 * listing broke in one partition lists every prefix again when restarted: a prefix that
 * was listed before the break is not left out of the restarted plan (its candidates, its
 * totals, the keys that keep its documents' references from being reported dangling).
 */
class OrphanSweepListingPartitionsIntegrationTests extends SweepIntegrationTestSupport {

	@Test
	void thePrefixesOfAPlanAreListedAtTheSameTime() throws Exception {
		// given: two prefixes, each with two pages
		for (int i = 1; i <= 5; i++) {
			this.s3.put("galleries/" + i + ".jpg");
			this.s3.put("articles/" + i + ".jpg");
		}
		Set<String> threads = ConcurrentHashMap.newKeySet();
		CountDownLatch bothListing = new CountDownLatch(2);
		Set<String> waited = ConcurrentHashMap.newKeySet();
		this.gate.onPageListed((prefix, objects) -> {
			threads.add(Thread.currentThread().getName());
			if (waited.add(prefix)) {
				bothListing.countDown();
				await(bothListing);
			}
		});

		// when: each prefix's first page waits until the other prefix has a page too
		JobExecution execution = this.sweeps.plan(List.of("galleries/", "articles/"), Duration.ZERO);

		// then: it could only complete with both listed at once
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(threads).hasSize(2);
		long planId = execution.getJobInstance().getInstanceId();
		assertThat(candidates(planId)).hasSize(10);
		assertThat(totals(planId, "galleries/").objectsListed()).isEqualTo(5);
		assertThat(totals(planId, "articles/").objectsListed()).isEqualTo(5);
		assertThat(Steps.of(execution, "sweep-list").getExecutionContext().getLong("listRequests")).isEqualTo(4);
		assertThat(Steps.of(execution, "sweep-list").getReadCount()).isEqualTo(10);
	}

	@Test
	void aPlanWhoseListingBrokeListsEveryPrefixAgainWhenRestarted() {
		// given: galleries/ listed in full before articles/ breaks at its second page
		for (int i = 1; i <= 4; i++) {
			this.s3.put("galleries/" + i + ".jpg");
			this.s3.put("articles/" + i + ".jpg");
		}
		insert("galleries", gallery("g", cdnUrl("galleries/1.jpg")));
		insert("galleries", gallery("h", cdnUrl("articles/1.jpg")));
		CountDownLatch galleriesListed = new CountDownLatch(2);
		AtomicInteger articlesPages = new AtomicInteger();
		this.gate.onPageListed((prefix, objects) -> {
			if (prefix.equals("galleries/")) {
				galleriesListed.countDown();
				return;
			}
			await(galleriesListed);
			if (articlesPages.incrementAndGet() == 2) {
				throw new IllegalStateException("Simulated failure while listing articles/");
			}
		});
		JobExecution broken = this.sweeps.plan(List.of("galleries/", "articles/"), Duration.ZERO);
		assertThat(broken.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(Steps.partition(broken, "galleries/").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Steps.partition(broken, "articles/").getStatus()).isEqualTo(BatchStatus.FAILED);
		long planId = broken.getJobInstance().getInstanceId();

		// when
		this.gate.disarm();
		JobExecution restarted = this.sweeps.restart(broken.getId());

		// then: the restart listed galleries/ again, and nothing twice
		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Steps.partition(restarted, "galleries/").getReadCount()).isEqualTo(4);
		assertThat(Steps.partition(restarted, "articles/").getReadCount()).isEqualTo(4);
		SweepPlan plan = this.plans.get(planId);
		assertThat(plan.status()).isEqualTo(PlanStatus.READY);
		assertThat(candidates(planId)).containsExactly("articles/2.jpg", "articles/3.jpg", "articles/4.jpg",
				"galleries/2.jpg", "galleries/3.jpg", "galleries/4.jpg");
		assertThat(totals(planId, "galleries/"))
			.isEqualTo(new PrefixTotals("galleries/", 4, 4 * size(), 0, 1, 3, 3 * size()));
		assertThat(totals(planId, "articles/").objectsListed()).isEqualTo(4);
		assertThat(this.plans.danglingCount(planId)).isZero();
	}

	private long size() {
		return this.s3.listed("galleries/1.jpg").size();
	}

	private PrefixTotals totals(long planId, String prefix) {
		return this.plans.get(planId)
			.totals()
			.stream()
			.filter(totals -> totals.prefix().equals(prefix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no totals for " + prefix));
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The other prefix was not listed meanwhile");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
