package io.mediapurge.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.mediapurge.sweep.plan.PlannedObject;
import io.mediapurge.sweep.plan.SweepPlanRecords;

/**
 * Decides each listed object and writes the plan's candidates: an object is a candidate
 * when it is older than the minimum age (LastModified at or before the plan's
 * {@code listedBefore}) and no document shows it (the mark). Counts every object in the
 * totals of its prefix and remembers the key of every object that is not a candidate for
 * the dangling references (a candidate's key is in the plan's records). One instance per
 * partition of the listing (step scope); the partitions share the run, which guards what
 * they record.
 */
class SweepPlanWriter implements ItemWriter<PlannedObject>, StepExecutionListener {

	private final SweepRuns runs;

	private final SweepPlanRecords records;

	private final SweepProgressListener listener;

	private @Nullable SweepRun run;

	SweepPlanWriter(SweepRuns runs, SweepPlanRecords records, SweepProgressListener listener) {
		this.runs = runs;
		this.records = records;
		this.listener = listener;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.run = this.runs.of(stepExecution.getJobExecution().getId());
	}

	@Override
	public void write(Chunk<? extends PlannedObject> chunk) {
		SweepRun run = this.run;
		if (run == null) {
			throw new IllegalStateException("The plan writer wrote before its step started");
		}
		MarkedKeys marks = run.marks();
		List<PlannedObject> candidates = new ArrayList<>();
		// a chunk of a prefix's listing is of that prefix; one of an inventory file may
		// be of several
		Map<String, Integer> byPrefix = new LinkedHashMap<>();
		for (PlannedObject object : chunk) {
			boolean young = object.lastModified().isAfter(run.listedBefore());
			boolean referenced = marks.mightContain(object.key());
			run.listed(object.prefix(), object.key(), object.size(), young, referenced);
			if (SweepRun.candidate(young, referenced)) {
				candidates.add(object);
			}
			byPrefix.merge(object.prefix(), 1, Integer::sum);
		}
		this.records.addCandidates(run.planId(), candidates);
		byPrefix.forEach((prefix, objects) -> this.listener.pageListed(run.planId(), prefix, objects));
	}

}
