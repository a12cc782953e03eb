package io.mediapurge.sweep;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * Reads the keys of the plan being applied that no apply has decided yet, page by page by
 * key ({@code object_key > last}): only the plan's own rows, so an apply can never read a
 * key that is not in its plan. A restart starts from the first undecided key: a chunk
 * that did not commit is read again, and its keys already deleted then list as gone.
 */
final class PlannedObjectItemReader implements ItemReader<PlannedObject>, StepExecutionListener {

	private final SweepRuns runs;

	private final SweepPlans plans;

	private final int pageSize;

	private final Deque<PlannedObject> page = new ArrayDeque<>();

	private long planId;

	private @Nullable String lastKey;

	private boolean exhausted;

	PlannedObjectItemReader(SweepRuns runs, SweepPlans plans, int pageSize) {
		this.runs = runs;
		this.plans = plans;
		this.pageSize = pageSize;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.planId = this.runs.of(stepExecution.getJobExecution().getId()).planId();
		this.page.clear();
		this.lastKey = null;
		this.exhausted = false;
	}

	@Override
	public @Nullable PlannedObject read() {
		if (this.page.isEmpty() && !this.exhausted) {
			List<PlannedObject> next = this.plans.undecided(this.planId, this.lastKey, this.pageSize);
			this.page.addAll(next);
			this.exhausted = next.size() < this.pageSize;
			if (!next.isEmpty()) {
				this.lastKey = next.get(next.size() - 1).key();
			}
		}
		return this.page.poll();
	}

}
