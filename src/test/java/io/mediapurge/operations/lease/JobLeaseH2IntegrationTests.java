package io.mediapurge.operations.lease;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The lease on H2, the local job repository.
 */
class JobLeaseH2IntegrationTests extends JobLeaseContract {

	private final DataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
