package io.mediapurge.operations.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.executions.JobExecutionRow;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.purge.MediaPurgeJobConfiguration;
import io.mediapurge.sweep.OrphanSweepJobConfiguration;

/**
 * {@code executions list [limit=20] [job=purge|sweep|all]}. The purge's list (the
 * default) keeps its columns, so that scripts reading it go on working; {@code job=sweep}
 * and {@code job=all} list with the columns every job has, plus the job, its action and
 * the sweep plan.
 */
final class ExecutionsList {

	/** The {@code job} argument's values and the jobs each lists. */
	static final Map<String, Set<String>> JOBS = Map.of("purge", Set.of(MediaPurgeJobConfiguration.JOB_NAME), "sweep",
			Set.of(OrphanSweepJobConfiguration.JOB_NAME), "all",
			Set.of(MediaPurgeJobConfiguration.JOB_NAME, OrphanSweepJobConfiguration.JOB_NAME));

	private ExecutionsList() {
	}

	static void print(List<String> arguments, ExecutionControl control, ExecutionQueries queries, PrintStream out) {
		Map<String, String> options = Arguments.options(arguments, Set.of("limit", "job"));
		int limit = Arguments.limit(options.getOrDefault("limit", "20"));
		String job = options.getOrDefault("job", "purge");
		Set<String> jobNames = JOBS.get(job);
		if (jobNames == null) {
			throw new InvalidLaunchArgumentsException("job must be purge, sweep or all, got '" + job + "'");
		}
		out.println(ExecutionText.lease(control.currentLease()));
		out.print(job.equals("purge") ? ExecutionText.list(queries.recent(limit))
				: jobs(queries.recentOfJobs(jobNames, limit), job));
	}

	static String jobs(List<JobExecutionRow> executions, String job) {
		if (executions.isEmpty()) {
			return job.equals("all") ? "No executions yet.\n"
					: "No executions of " + String.join(", ", JOBS.get(job)) + " yet.\n";
		}
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "ID", "JOB", "STATUS", "EXIT CODE", "STARTED", "DURATION", "ACTION", "PLAN" });
		for (JobExecutionRow execution : executions) {
			table.add(new String[] { Long.toString(execution.id()), execution.jobName(), execution.status(),
					execution.exitCode(), TextTable.time(execution.startTime()),
					TextTable.duration(execution.startTime(), execution.endTime()),
					(execution.action() != null) ? execution.action() : "-",
					(execution.planId() != null) ? Long.toString(execution.planId()) : "-" });
		}
		return TextTable.of(table);
	}

}
