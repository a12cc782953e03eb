package io.mediapurge.operations.lease;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The lease on PostgreSQL, the shared job repository, in a schema of its own dropped
 * afterwards.
 */
class JobLeasePostgresIntegrationTests extends JobLeaseContract {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "lease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final DataSource dataSource = new DriverManagerDataSource(URL + "?currentSchema=" + SCHEMA, "postgres", "");

	@BeforeAll
	static void createSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("CREATE SCHEMA " + SCHEMA);
		}
	}

	@AfterAll
	static void dropSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
