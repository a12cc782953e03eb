package io.mediapurge.sweep;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * {@code sweep-mark} and {@code sweep-apply-mark}: marks every key a document shows, for
 * this execution. Runs again on every restart (a mark lives in memory only); it records
 * the documents read and the keys marked in its execution context.
 */
final class MarkTasklet implements Tasklet {

	private final SweepRuns runs;

	private final ReferenceMarker marker;

	MarkTasklet(SweepRuns runs, ReferenceMarker marker) {
		this.runs = runs;
		this.marker = marker;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
		SweepRun run = this.runs.of(PlanTasklets.execution(context).getId());
		this.marker.mark(run);
		var step = context.getStepContext().getStepExecution().getExecutionContext();
		step.putLong("documentsMarked", run.documentsMarked());
		step.putLong("keysMarked", run.marks().distinctKeys());
		step.putDouble("falseKeepRate", run.marks().falseKeepRate());
		return RepeatStatus.FINISHED;
	}

}
