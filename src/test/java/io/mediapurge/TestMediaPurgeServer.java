package io.mediapurge;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.mediapurge.support.EmbeddedMongo;
import io.mediapurge.support.EmbeddedS3;
import io.mediapurge.operations.launch.SweepLauncher;
import io.mediapurge.support.SampleContent;

/**
 * The long-running mode and its dashboard on embedded defaults: the sample content of
 * {@link TestMediaPurgeApplication} on in-process MongoDB and S3 servers, an in-memory
 * job repository, and two demo users whose passwords are printed on start. No schedule:
 * runs start from the dashboard or the API. Started by
 * {@code ./mvnw spring-boot:test-run@server}
 * ({@code -Dspring-boot.run.arguments=--server.port=9090} to move it).
 */
public final class TestMediaPurgeServer {

	static final String OPERATOR = "olivia";

	static final String VIEWER = "victor";

	private TestMediaPurgeServer() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedMongo mongo = new EmbeddedMongo();
		EmbeddedS3 s3 = new EmbeddedS3(SampleContent.BUCKET);
		String operatorPassword = UUID.randomUUID().toString();
		String viewerPassword = UUID.randomUUID().toString();
		ConfigurableApplicationContext context = start(mongo, s3, operatorPassword, viewerPassword, args);
		context.addApplicationListener((org.springframework.context.event.ContextClosedEvent closed) -> {
			mongo.close();
			try {
				s3.close();
			}
			catch (Exception ex) {
				// the JVM is going away
			}
		});
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		Environment environment = context.getEnvironment();
		System.out.println();
		System.out.println("media-purge server demo: in-process MongoDB and S3 with sample content, "
				+ "an in-memory job repository, no schedule");
		System.out.println("  Dashboard  http://localhost:" + port + "/");
		System.out.println("  Users      " + OPERATOR + " / " + operatorPassword + "  (operator: may start, "
				+ "restart, stop, recover, abandon, apply a sweep plan)");
		System.out.println("             " + VIEWER + " / " + viewerPassword + "  (viewer: may look)");
		System.out.println("  Sweep      http://localhost:" + port + "/sweep.html  (a plan of the sample's "
				+ "orphans, made on start with the default minimum age of 7 days)");
		System.out.println("  API        curl -u " + OPERATOR + ":" + operatorPassword + " http://localhost:" + port
				+ "/api/executions");
		System.out.println("  Health     http://localhost:" + environment.getProperty("local.management.port")
				+ "/actuator/health");
		System.out.println("Stop it with Ctrl+C.");
	}

	/**
	 * Seeds the servers and starts the long-running mode on them.
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(EmbeddedMongo mongo, EmbeddedS3 s3, String operatorPassword,
			String viewerPassword, String... args) {
		SampleContent.seed(mongo, s3);
		List<String> arguments = new ArrayList<>(
				SampleContent.arguments(mongo, s3, "jdbc:h2:mem:media-purge-server;DB_CLOSE_DELAY=-1"));
		arguments.addAll(List.of("--spring.profiles.active=server", "--media-purge.schedule.enabled=false",
				"--media-purge.security.users[0].username=" + OPERATOR,
				"--media-purge.security.users[0].password={noop}" + operatorPassword,
				"--media-purge.security.users[0].role=OPERATOR", "--media-purge.security.users[1].username=" + VIEWER,
				"--media-purge.security.users[1].password={noop}" + viewerPassword,
				"--media-purge.security.users[1].role=VIEWER"));
		// the caller's last, so they win
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = SpringApplication.run(MediaPurgeApplication.class,
				arguments.toArray(String[]::new));
		// a plan to look at and apply on the sweep page: every configured prefix, the
		// default minimum age (the sample's orphans are dated years ago)
		context.getBean(SweepLauncher.class).plan(List.of(), null);
		return context;
	}

}
