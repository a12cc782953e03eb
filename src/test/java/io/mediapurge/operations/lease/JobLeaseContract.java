package io.mediapurge.operations.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What the job's lease guarantees, on a real database: one holder at a time, refusals
 * that name the holder and the expiry, a heartbeat that keeps it alive, expiry once the
 * heartbeat stops (a killed process), and release. Subclasses give the database.
 */
abstract class JobLeaseContract {

	private final List<JobLease> leases = new ArrayList<>();

	private JdbcTemplate jdbc;

	abstract DataSource dataSource();

	@BeforeEach
	void createTable() throws Exception {
		this.jdbc = new JdbcTemplate(dataSource());
		this.jdbc.execute("DROP TABLE IF EXISTS purge_job_lease");
		this.jdbc.execute(new ClassPathResource("db/migration/common/V3__job_lease.sql")
			.getContentAsString(StandardCharsets.UTF_8));
	}

	@AfterEach
	void stopHeartbeats() {
		this.leases.forEach(JobLease::destroy);
	}

	/** A process of its own, as far as the lease can tell. */
	JobLease process(Duration ttl) {
		JobLease lease = new JobLease(this.jdbc, new DataSourceTransactionManager(dataSource()), "mediaPurgeJob", ttl);
		this.leases.add(lease);
		return lease;
	}

	@Test
	void aHeldLeaseRefusesOthersNamingTheHolderAndTheExpiry() {
		JobLease first = process(Duration.ofMinutes(2));
		JobLease second = process(Duration.ofMinutes(2));

		HeldLease held = first.acquire("start");
		held.attach(42, () -> {
		});

		assertThat(held.holder()).matches("[^/]+/" + ProcessHandle.current().pid() + "/[0-9a-f-]{36}");
		assertThatExceptionOfType(LeaseUnavailableException.class).isThrownBy(() -> second.acquire("Refusing to start"))
			.withMessageStartingWith("Refusing to start: the job's lease is held by " + held.holder())
			.withMessageContaining("for execution 42")
			.withMessageContaining("expires at")
			.satisfies(ex -> {
				assertThat(ex.holder().holder()).isEqualTo(held.holder());
				assertThat(ex.holder().live()).isTrue();
				assertThat(ex.holder().remaining()).isBetween(Duration.ofSeconds(100), Duration.ofMinutes(2));
			});
		// not re-entrant: a second run in the same process is refused too
		assertThatExceptionOfType(LeaseUnavailableException.class).isThrownBy(() -> first.acquire("start"));
	}

	@Test
	void releaseLetsTheNextHolderTakeItAtOnce() {
		JobLease first = process(Duration.ofMinutes(2));
		JobLease second = process(Duration.ofMinutes(2));
		HeldLease held = first.acquire("start");

		held.close();
		held.close();

		assertThat(first.current()).hasValueSatisfying(state -> assertThat(state.live()).isFalse());
		try (HeldLease next = second.acquire("start")) {
			assertThat(second.current()).hasValueSatisfying(state -> {
				assertThat(state.holder()).isEqualTo(next.holder());
				assertThat(state.executionId()).isNull();
				assertThat(state.live()).isTrue();
			});
		}
	}

	@Test
	void aLeaseWhoseHeartbeatStoppedExpiresAfterItsTimeToLive() {
		JobLease killed = process(Duration.ofSeconds(1));
		JobLease next = process(Duration.ofSeconds(1));
		killed.acquire("start");
		killed.destroy(); // the heartbeat stops, nothing is released: as after SIGKILL

		assertThatExceptionOfType(LeaseUnavailableException.class).isThrownBy(() -> next.acquire("start"));
		Instant refusedUntil = next.current().orElseThrow().expiresAt();

		HeldLease taken = await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.ignoreException(LeaseUnavailableException.class)
			.until(() -> next.acquire("start"), lease -> true);
		LeaseState state = next.current().orElseThrow();
		assertThat(state.holder()).isEqualTo(taken.holder());
		assertThat(state.acquiredAt()).isAfterOrEqualTo(refusedUntil);
	}

	@Test
	void theHeartbeatKeepsTheLeaseAliveBeyondItsTimeToLive() throws Exception {
		JobLease running = process(Duration.ofMillis(900));
		JobLease other = process(Duration.ofMillis(900));
		HeldLease held = running.acquire("start");
		Instant acquired = running.current().orElseThrow().heartbeatAt();

		Thread.sleep(2500);

		LeaseState state = running.current().orElseThrow();
		assertThat(state.live()).isTrue();
		assertThat(state.heartbeatAt()).isAfter(acquired.plusMillis(1500));
		assertThatExceptionOfType(LeaseUnavailableException.class).isThrownBy(() -> other.acquire("start"));
		held.close();
		other.acquire("start").close();
	}

	@Test
	void aHolderWhoseLeaseWasTakenOverLearnsItHasLostIt() {
		JobLease stalled = process(Duration.ofMillis(600));
		HeldLease held = stalled.acquire("start");
		CountDownLatch lost = new CountDownLatch(1);
		held.attach(7, lost::countDown);

		// another process took it after it expired (this one stalled longer than the
		// ttl)
		this.jdbc.update("UPDATE purge_job_lease SET holder = 'elsewhere/1/x'");

		await().atMost(Duration.ofSeconds(3)).until(() -> lost.getCount() == 0);
		assertThat(held.isLost()).isTrue();
		held.close();
		assertThat(stalled.current().orElseThrow().holder()).isEqualTo("elsewhere/1/x");
		assertThat(stalled.current().orElseThrow().live()).isTrue();
	}

	@Test
	void ofManyProcessesAcquiringAtOnceExactlyOneGetsTheLease() throws Exception {
		int processes = 8;
		List<JobLease> contenders = new ArrayList<>();
		for (int i = 0; i < processes; i++) {
			contenders.add(process(Duration.ofSeconds(30)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(processes);
		try {
			// round 0 races on INSERT (no row yet), the others on the UPDATE of a
			// released row
			for (int round = 0; round < 5; round++) {
				CyclicBarrier start = new CyclicBarrier(processes);
				AtomicInteger refused = new AtomicInteger();
				List<HeldLease> winners = new CopyOnWriteArrayList<>();
				List<Future<?>> futures = new ArrayList<>();
				for (JobLease contender : contenders) {
					futures.add(pool.submit(() -> {
						start.await();
						try {
							winners.add(contender.acquire("start"));
						}
						catch (LeaseUnavailableException ex) {
							refused.incrementAndGet();
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					future.get(20, TimeUnit.SECONDS);
				}
				assertThat(winners).as("round %d", round).hasSize(1);
				assertThat(refused).as("round %d", round).hasValue(processes - 1);
				winners.get(0).close();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
