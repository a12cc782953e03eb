package io.mediapurge.operations.lease;

import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A lease in the job repository's table {@code purge_job_lease}: at most one holder at a
 * time across every process sharing the repository.
 *
 * <p>
 * {@link #acquire(String)} takes the lease atomically: a conditional UPDATE of the row
 * when it has expired (or was released), else an INSERT, whose primary-key conflict means
 * another process holds it. While held, a daemon thread renews it every third of the time
 * to live; {@link HeldLease#close()} releases it. A process killed with SIGKILL stops
 * renewing, so its lease lapses after at most the time to live. Every time is the
 * database's clock, so the processes' clocks do not matter. Each statement runs in a
 * transaction of its own.
 */
public class JobLease implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(JobLease.class);

	private static final String SELECT = "SELECT holder, acquired_at, heartbeat_at, expires_at, execution_id, "
			+ "CURRENT_TIMESTAMP AS db_now FROM purge_job_lease WHERE name = ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String name;

	private final Duration ttl;

	private final String process;

	private final ScheduledThreadPoolExecutor heartbeats;

	/**
	 * @param jdbc the job repository
	 * @param transactionManager its transaction manager
	 * @param name the lease's name (the job's name)
	 * @param ttl how long the lease outlives its last heartbeat
	 */
	public JobLease(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, String name, Duration ttl) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.name = name;
		this.ttl = ttl;
		this.process = hostName() + "/" + ProcessHandle.current().pid();
		this.heartbeats = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "purge-lease-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		this.heartbeats.setRemoveOnCancelPolicy(true);
	}

	public String name() {
		return this.name;
	}

	public Duration ttl() {
		return this.ttl;
	}

	/**
	 * Takes the lease, or says who holds it.
	 * @param refusal what was asked, for the message when refused (e.g. "Refusing to
	 * start mediaPurgeJob")
	 * @return the held lease; close it to release it
	 * @throws LeaseUnavailableException when a live holder has it
	 */
	public HeldLease acquire(String refusal) {
		String holder = this.process + "/" + UUID.randomUUID();
		LeaseState current = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			if (takeExpired(holder) || insert(holder)) {
				HeldLease held = new HeldLease(this, holder);
				long period = Math.max(100, this.ttl.toMillis() / 3);
				held.heartbeat(this.heartbeats.scheduleAtFixedRate(held::renew, period, period, TimeUnit.MILLISECONDS));
				logger.debug("Took the lease {} as {}", this.name, holder);
				return held;
			}
			current = current().orElse(null);
			if (current != null && current.live()) {
				break;
			}
			// released or expired between our UPDATE and INSERT: try again
		}
		if (current == null) {
			throw new IllegalStateException("Could not take the lease " + this.name + " (see the log)");
		}
		logger.warn("{}: the lease {} is {}", refusal, this.name, current.describe());
		throw new LeaseUnavailableException(refusal, current);
	}

	/**
	 * @return the lease as it is now (live, expired or released), or empty when it was
	 * never taken
	 */
	public Optional<LeaseState> current() {
		List<LeaseState> rows = this.jdbc.query(SELECT, (rs, row) -> new LeaseState(this.name, rs.getString("holder"),
				rs.getObject("acquired_at", OffsetDateTime.class).toInstant(),
				rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("execution_id", Long.class),
				rs.getObject("db_now", OffsetDateTime.class).toInstant()), this.name);
		return rows.stream().findFirst();
	}

	private boolean takeExpired(String holder) {
		return inTransaction(() -> {
			OffsetDateTime now = databaseNow();
			return this.jdbc.update(
					"UPDATE purge_job_lease SET holder = ?, acquired_at = ?, heartbeat_at = ?, expires_at = ?, "
							+ "execution_id = NULL WHERE name = ? AND expires_at <= ?",
					holder, now, now, now.plus(this.ttl), this.name, now) == 1;
		});
	}

	private boolean insert(String holder) {
		try {
			return inTransaction(() -> {
				OffsetDateTime now = databaseNow();
				return this.jdbc
					.update("INSERT INTO purge_job_lease (name, holder, acquired_at, heartbeat_at, expires_at) "
							+ "VALUES (?, ?, ?, ?, ?)", this.name, holder, now, now, now.plus(this.ttl)) == 1;
			});
		}
		catch (DataIntegrityViolationException ex) {
			return false; // the row exists: someone holds the lease
		}
	}

	/**
	 * @return whether the holder still had the lease
	 */
	boolean renew(String holder) {
		return inTransaction(() -> {
			OffsetDateTime now = databaseNow();
			return this.jdbc.update(
					"UPDATE purge_job_lease SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND holder = ?", now,
					now.plus(this.ttl), this.name, holder) == 1;
		});
	}

	void attach(String holder, long executionId) {
		inTransaction(
				() -> this.jdbc.update("UPDATE purge_job_lease SET execution_id = ? WHERE name = ? AND holder = ?",
						executionId, this.name, holder));
	}

	void release(String holder) {
		inTransaction(() -> {
			OffsetDateTime now = databaseNow();
			return this.jdbc.update(
					"UPDATE purge_job_lease SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND holder = ?", now,
					now, this.name, holder);
		});
	}

	private OffsetDateTime databaseNow() {
		OffsetDateTime now = this.jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class);
		if (now == null) {
			throw new IllegalStateException("The job repository did not tell its time");
		}
		return now;
	}

	private <T> T inTransaction(Supplier<T> work) {
		T result = this.transactions.execute(status -> work.get());
		if (result == null) {
			throw new IllegalStateException("No result from the job repository");
		}
		return result;
	}

	private static String hostName() {
		try {
			String host = InetAddress.getLocalHost().getHostName();
			return (host.length() > 150) ? host.substring(0, 150) : host;
		}
		catch (Exception ex) {
			return "unknown-host";
		}
	}

	/**
	 * Stops the heartbeat thread. A lease still held lapses after its time to live.
	 */
	@Override
	public void destroy() {
		this.heartbeats.shutdownNow();
	}

}
