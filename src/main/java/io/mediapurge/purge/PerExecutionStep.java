package io.mediapurge.purge;

import java.util.function.Supplier;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * A step whose reader, processor, writer and state are made anew for each of its
 * executions: nothing one execution holds (its parameters, its references, its cursor)
 * can be reset or read by another execution running in the same process.
 */
final class PerExecutionStep implements Step {

	private final String name;

	private final Supplier<Step> factory;

	/**
	 * @param name the step's name
	 * @param factory makes the step for one execution
	 */
	PerExecutionStep(String name, Supplier<Step> factory) {
		this.name = name;
		this.factory = factory;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		this.factory.get().execute(stepExecution);
	}

	@Override
	public String toString() {
		return "PerExecutionStep[" + this.name + "]";
	}

}
