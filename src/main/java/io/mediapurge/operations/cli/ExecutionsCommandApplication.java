package io.mediapurge.operations.cli;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.mediapurge.operations.executions.ExecutionQueries;
import io.mediapurge.operations.executions.ExecutionsConfiguration;
import io.mediapurge.operations.launch.ControlConfiguration;
import io.mediapurge.operations.launch.ExecutionControl;
import io.mediapurge.operations.plan.DryRunPlans;
import io.mediapurge.operations.plan.PlanConfiguration;
import io.mediapurge.sweep.plan.SweepPlanConfiguration;
import io.mediapurge.sweep.plan.SweepPlans;

/**
 * The application of the command line's commands that need only the job repository
 * ({@link CommandLineMode#REPOSITORY_ONLY}: list, show, plan, stop, recover, abandon;
 * sweep show and list): the data source, its schema, Spring Batch's repository and
 * operator, the job's lease, the read model and the plans, and nothing else. No MongoDB
 * or S3 client, no content-type specs, no job, web server or scheduler, so a command
 * answers in a few seconds wherever the job repository is reachable. Logs below WARN are
 * off unless {@code logging.level.*} says otherwise.
 *
 * <p>
 * Deliberately not a {@code @Configuration}: the main application's component scan must
 * not pick it up.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class,
		BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@Import({ ControlConfiguration.class, ExecutionsConfiguration.class, PlanConfiguration.class,
		SweepPlanConfiguration.class })
public class ExecutionsCommandApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OneShotPurgeRunner oneShotPurgeRunner(ExecutionControl control, ExecutionQueries queries, DryRunPlans plans,
			SweepPlans sweepPlans) {
		return new OneShotPurgeRunner(null, control, queries, plans, null, sweepPlans);
	}

	/**
	 * Runs one command.
	 * @param args the process's arguments
	 * @return its exit code
	 */
	public static int run(String... args) {
		SpringApplication application = new SpringApplication(ExecutionsCommandApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("logging.level.root", "WARN", "spring.main.log-startup-info", "false",
				// its version notice is for whoever upgrades H2, not for a command's
				// reader
				"logging.level.org.flywaydb.core.internal.database.base.Database", "ERROR"));
		return SpringApplication.exit(application.run(args));
	}

}
