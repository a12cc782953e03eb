package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * Decides each listed object and writes the plan's candidates: an object is a candidate
 * when it is older than the minimum age (LastModified at or before the plan's
 * {@code listedBefore}) and no document shows it (the mark). Counts every object in the
 * totals of its prefix and remembers its key for the dangling references.
 */
final class SweepPlanWriter implements ItemWriter<PlannedObject>, StepExecutionListener {

	private final SweepRuns runs;

	private final SweepPlanRecords records;

	private SweepRun run;

	SweepPlanWriter(SweepRuns runs, SweepPlanRecords records) {
		this.runs = runs;
		this.records = records;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.run = this.runs.of(stepExecution.getJobExecution().getId());
		this.run.resetListing();
		this.records.clearListing(this.run.planId());
	}

	@Override
	public void write(Chunk<? extends PlannedObject> chunk) {
		MarkedKeys marks = this.run.marks();
		List<PlannedObject> candidates = new ArrayList<>();
		for (PlannedObject object : chunk) {
			boolean young = object.lastModified().isAfter(this.run.listedBefore());
			boolean referenced = marks.mightContain(object.key());
			this.run.count(object.prefix(), object.size(), young, referenced);
			this.run.listed().add(object.key());
			if (!young && !referenced) {
				candidates.add(object);
			}
		}
		this.records.addCandidates(this.run.planId(), candidates);
	}

}
