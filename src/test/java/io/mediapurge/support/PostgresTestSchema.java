package io.mediapurge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database {@code test},
 * trust authentication) for one test class: Flyway creates and migrates it,
 * {@link #drop()} removes it.
 */
public final class PostgresTestSchema {

	public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	public static final String USER = "postgres";

	private final String name;

	private PostgresTestSchema(String name) {
		this.name = name;
	}

	/**
	 * @param prefix what the schema is for, e.g. {@code queries}
	 * @return a schema with a random, unique name
	 */
	public static PostgresTestSchema named(String prefix) {
		return new PostgresTestSchema(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return URL + "?currentSchema=" + this.name;
	}

	/** Points the application's job repository at this schema. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::jdbcUrl);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", this::name);
	}

	public void drop() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}
	}

}
