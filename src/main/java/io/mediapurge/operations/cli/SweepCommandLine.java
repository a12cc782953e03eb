package io.mediapurge.operations.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.mediapurge.operations.launch.InvalidLaunchArgumentsException;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.operations.plan.SweepPlanCsv;
import io.mediapurge.operations.plan.SweepPlanReport;
import io.mediapurge.sweep.inventory.InventoryRefusedException;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The {@code sweep} commands: {@code plan} (list the bucket, write a plan, print its id
 * and totals), {@code show} (a plan as text, CSV or JSON), {@code apply} (delete what the
 * plan still allows), {@code restart} (a failed plan or apply) and {@code list}. Exit
 * codes: 0 done, 2 bad arguments (also a plan without key prefixes, or from an S3
 * Inventory that was refused), 3 an apply that kept or failed keys, 5 a failed run, 6
 * refused (lease held, plan applied or being applied), 8 unknown plan.
 */
final class SweepCommandLine {

	static final String USAGE = """
			  sweep plan [prefixes=<p>/[,<p>/...]] [minAge=P7D] [inventory=s3://<bucket>/<path>/manifest.json]
			                                 list the bucket under the prefixes (default
			                                 media-purge.s3.key-prefixes), or read its S3 Inventory, and
			                                 write a plan of the objects no document shows, older than
			                                 minAge; deletes nothing
			  sweep show <planId> [format=text|csv|json]
			                                 a plan: totals per prefix, candidates, dangling references
			  sweep apply <planId>           delete the plan's keys still unreferenced and unchanged;
			                                 exit 3 when some were kept; a plan is applied at most once
			  sweep restart <executionId>    restart a FAILED or STOPPED plan or apply (recover a killed
			                                 one first with 'executions recover <executionId>')
			  sweep list [limit=20]          the latest plans, newest first
			""";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final int SHOWN = 20;

	private final @Nullable SweepLauncher launcher;

	private final SweepPlans plans;

	private final PrintStream out;

	private final PrintStream err;

	SweepCommandLine(@Nullable SweepLauncher launcher, SweepPlans plans, PrintStream out, PrintStream err) {
		this.launcher = launcher;
		this.plans = plans;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param arguments the arguments after {@code sweep}
	 * @return the exit code
	 */
	ExitCodes execute(List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new InvalidLaunchArgumentsException("'sweep' needs a subcommand: plan, show, apply or list");
		}
		List<String> rest = arguments.subList(1, arguments.size());
		switch (arguments.get(0)) {
			case "plan" -> {
				return plan(rest);
			}
			case "show" -> show(planId("show", rest), rest.subList(1, rest.size()));
			case "apply" -> {
				if (rest.size() != 1) {
					throw new InvalidLaunchArgumentsException("'sweep apply' takes exactly one plan id, got " + rest);
				}
				JobExecution execution = launcher().apply(planId("apply", rest));
				long planId = planId("apply", rest);
				this.out.println("Plan " + planId + " apply, execution " + execution.getId() + ": "
						+ execution.getStatus() + " " + this.plans.outcomes(planId));
				return ExitCodes.of(execution);
			}
			case "restart" -> {
				if (rest.size() != 1) {
					throw new InvalidLaunchArgumentsException(
							"'sweep restart' takes exactly one execution id, got " + rest);
				}
				JobExecution execution = launcher().restart(planId("restart", rest));
				long planId = launcher().planIdOf(execution.getId());
				this.out.println("Execution " + execution.getId() + " of plan " + planId + ": " + execution.getStatus()
						+ " " + this.plans.outcomes(planId));
				return exit(planId, execution);
			}
			case "list" -> list(rest);
			default -> throw new InvalidLaunchArgumentsException("Unknown subcommand 'sweep " + arguments.get(0) + "'");
		}
		return ExitCodes.COMPLETED;
	}

	private ExitCodes plan(List<String> arguments) {
		Map<String, String> options = Arguments.options(arguments, Set.of("prefixes", "minAge", "inventory"));
		List<String> prefixes = new ArrayList<>();
		if (options.containsKey("prefixes")) {
			prefixes.addAll(Arrays.asList(options.get("prefixes").split(",", -1)));
			if (prefixes.stream().anyMatch(String::isBlank)) {
				throw new InvalidLaunchArgumentsException("prefixes names an empty prefix: '" + options.get("prefixes")
						+ "'; a sweep never lists the whole bucket");
			}
		}
		Duration minAge = null;
		if (options.containsKey("minAge")) {
			try {
				minAge = Duration.parse(options.get("minAge"));
			}
			catch (DateTimeParseException ex) {
				throw new InvalidLaunchArgumentsException(
						"minAge must be an ISO-8601 duration such as P7D or PT12H, got '" + options.get("minAge")
								+ "'");
			}
		}
		JobExecution execution;
		try {
			execution = launcher().plan(prefixes, minAge, options.get("inventory"));
		}
		catch (InventoryRefusedException ex) {
			// one line saying what to fix: the usage text would hide it
			this.err.println("media-purge: " + ex.getMessage());
			return ExitCodes.CONFIGURATION_ERROR;
		}
		long planId = execution.getJobInstance().getInstanceId();
		this.out.println("Plan " + planId + " (execution " + execution.getId() + ", " + execution.getStatus() + ")");
		ExitCodes exit = exit(planId, execution);
		this.plans.find(planId).ifPresent(plan -> this.out.print(SweepPlanText.totals(plan)));
		return exit;
	}

	/**
	 * Says in one line why a run did not complete: a refused inventory as it was refused,
	 * any other failure with the first line of its exit description.
	 */
	private ExitCodes exit(long planId, JobExecution execution) {
		ExitCodes exit = ExitCodes.of(execution);
		String why = execution.getExitStatus().getExitDescription().lines().findFirst().orElse("");
		if (exit == ExitCodes.CONFIGURATION_ERROR) {
			this.err.println("media-purge: " + why);
		}
		else if (execution.getStatus() != BatchStatus.COMPLETED) {
			this.err.println("media-purge: plan " + planId + " " + execution.getStatus() + ": " + why);
		}
		return exit;
	}

	private void show(long planId, List<String> arguments) {
		String format = Arguments.options(arguments, Set.of("format")).getOrDefault("format", "text");
		switch (format) {
			case "text" -> this.out.print(SweepPlanText.show(this.plans, this.plans.get(planId), SHOWN));
			case "csv" -> {
				this.plans.get(planId);
				SweepPlanCsv.write(this.plans, planId, this.out);
			}
			case "json" -> this.out.print(JSON.writeValueAsString(SweepPlanReport.of(this.plans, planId)) + "\n");
			default ->
				throw new InvalidLaunchArgumentsException("format must be text, csv or json, got '" + format + "'");
		}
	}

	private void list(List<String> arguments) {
		int limit = Arguments.limit(Arguments.options(arguments, Set.of("limit")).getOrDefault("limit", "20"));
		this.out.print(SweepPlanText.list(this.plans.recent(limit)));
	}

	private static long planId(String subcommand, List<String> arguments) {
		if (arguments.isEmpty() || arguments.get(0).contains("=")) {
			throw new InvalidLaunchArgumentsException("'sweep " + subcommand + "' takes an id, got " + arguments);
		}
		try {
			long id = Long.parseLong(arguments.get(0));
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidLaunchArgumentsException("'" + arguments.get(0) + "' is not an id");
	}

	private SweepLauncher launcher() {
		if (this.launcher == null) {
			throw new IllegalStateException("This command runs the sweep: it needs the whole application");
		}
		return this.launcher;
	}

}
