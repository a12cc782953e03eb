package io.mediapurge.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.mediapurge.MediaPurgeApplication;

/**
 * Another media-purge process, as far as the job repository can tell, started in this JVM
 * on the test servers and on the job repository of a test's own application: a one-shot
 * command line run to its end ({@link #run}), or an application that stays up
 * ({@link #start}). Without a web server either way.
 */
public final class SecondProcess {

	private final List<String> repository;

	private SecondProcess(List<String> repository) {
		this.repository = repository;
	}

	/**
	 * @param jdbcUrl the URL of an H2 job repository that outlives its connections
	 * ({@code DB_CLOSE_DELAY=-1})
	 * @return a process on that repository
	 */
	public static SecondProcess on(String jdbcUrl) {
		return new SecondProcess(List.of("--spring.datasource.url=" + jdbcUrl));
	}

	/**
	 * @param schema a PostgreSQL schema
	 * @return a process on a job repository in that schema
	 */
	public static SecondProcess on(PostgresTestSchema schema) {
		return new SecondProcess(List.of("--spring.datasource.url=" + schema.jdbcUrl(),
				"--spring.datasource.username=" + PostgresTestSchema.USER, "--spring.datasource.password=",
				"--spring.flyway.schemas=" + schema.name()));
	}

	/**
	 * {@code java -jar media-purge.jar <arguments>}, as {@code main} runs it.
	 * @param arguments the command line's arguments and {@code --property=value} options
	 * @return the process's exit code
	 */
	public int run(String... arguments) {
		return MediaPurgeApplication.run(arguments(arguments));
	}

	/**
	 * @param options {@code --property=value} options
	 * @return an application that launches nothing on start-up; close it when done
	 */
	public ConfigurableApplicationContext start(String... options) {
		List<String> all = new ArrayList<>(List.of(options));
		all.add("--media-purge.launch.run-on-startup=false");
		return new SpringApplicationBuilder(MediaPurgeApplication.class).run(arguments(all.toArray(String[]::new)));
	}

	private String[] arguments(String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.mongodb.uri=" + TestServers.mongo().uri("cms"),
				"--media-purge.s3.bucket=" + TestServers.BUCKET,
				"--media-purge.s3.endpoint=" + TestServers.s3().endpoint(), "--media-purge.s3.path-style=true",
				"--media-purge.s3.public-base-urls=" + TestServers.CDN, "--spring.main.web-application-type=none"));
		arguments.addAll(this.repository);
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

}
