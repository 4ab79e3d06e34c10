package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.PortMapping;
import io.azapg.it.TestHost;
import io.azapg.process.ProcessResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Durability under the hardest stop there is: the postmaster is SIGKILLed while pgbench loads the
 * server and a client commits numbered rows, twenty times on one container. The client records an
 * id only once its COMMIT was acknowledged; after each restart (crash recovery) every acknowledged
 * id must be there. Rows whose commit was in flight may or may not be: nobody was told they were.
 */
class CrashIT {
  private static final int ROUNDS = 20;
  private static final String PASSWORD = "crash-test-pw";

  @Test
  void sigkillOfThePostmasterDuringPgbench_20Times_losesNoAcknowledgedCommit() throws Exception {
    int port = TestHost.freePort();
    String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", PASSWORD)
            .memory(1L << 30)
            .publish(PortMapping.loopback(port, 5432))) {
      pg.startHealthy();
      assertThat(pg.exec("cat", "/proc/1/comm").stdout().strip())
          .as("the postmaster is the container's first process")
          .isEqualTo("postgres");
      pg.sql("postgres", "postgres", "CREATE TABLE acked(id bigint PRIMARY KEY, round int)");
      ProcessResult init = pg.exec("pgbench", "-i", "-q", "-s", "1", "-U", "postgres", "postgres");
      assertThat(init.exitCode()).as(init.stderr()).isZero();

      Set<Long> acknowledged = new HashSet<>();
      AtomicLong nextId = new AtomicLong(1);
      for (int round = 1; round <= ROUNDS; round++) {
        long started = System.nanoTime();
        CompletableFuture<ProcessResult> bench =
            CompletableFuture.supplyAsync(
                () ->
                    pg.exec(
                        "pgbench",
                        "-n",
                        "-c",
                        "4",
                        "-j",
                        "2",
                        "-T",
                        "60",
                        "-U",
                        "postgres",
                        "postgres"),
                pool);
        ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
        int thisRound = round;
        CompletableFuture<String> client =
            CompletableFuture.supplyAsync(
                () -> commitUntilCut(jdbc, nextId, thisRound, acks), pool);
        // Load for a moment, with commits acknowledged in this round, then kill.
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((acks.size() < 50 || System.nanoTime() - started < Duration.ofMillis(1500).toNanos())
            && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        ProcessResult kill = pg.cli("kill", "--signal", "KILL");
        assertThat(kill.exitCode()).as(kill.stderr()).isZero();
        String cut = client.get(2, TimeUnit.MINUTES);
        ProcessResult benchResult = bench.get(2, TimeUnit.MINUTES);
        acknowledged.addAll(acks);

        long restart = System.nanoTime();
        ProcessResult start = pg.cli("start");
        assertThat(start.exitCode()).as(start.stderr()).isZero();
        Set<Long> present = presentIds(jdbc, Duration.ofMinutes(2));
        Set<Long> lost = new HashSet<>(acknowledged);
        lost.removeAll(present);
        System.out.printf(
            java.util.Locale.ROOT,
            "crash round %d: %d commits acknowledged this round (%d in all), pgbench exit %d,"
                + " client cut by: %s; back in %d ms; acknowledged but missing: %d%n",
            round,
            acks.size(),
            acknowledged.size(),
            benchResult.exitCode(),
            cut,
            Duration.ofNanos(System.nanoTime() - restart).toMillis(),
            lost.size());
        assertThat(acks).as("commits acknowledged in round %d", round).isNotEmpty();
        assertThat(benchResult.exitCode()).as("pgbench was cut by the kill").isNotZero();
        assertThat(lost).as("acknowledged commits missing after round %d", round).isEmpty();
      }
      String logs = pg.logs();
      assertThat(count(logs, "database system was interrupted")).isGreaterThanOrEqualTo(ROUNDS);
      assertThat(logs).doesNotContain("PANIC");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Inserts ids one transaction each, recording an id once its commit returned; stops at a cut. */
  private static String commitUntilCut(
      String jdbc, AtomicLong nextId, int round, ConcurrentLinkedQueue<Long> acks) {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", PASSWORD);
        PreparedStatement insert = c.prepareStatement("INSERT INTO acked VALUES (?, ?)")) {
      c.setAutoCommit(true);
      while (true) {
        long id = nextId.getAndIncrement();
        insert.setLong(1, id);
        insert.setInt(2, round);
        insert.executeUpdate();
        acks.add(id);
      }
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("");
    }
  }

  /** The ids in the table, once the server accepts connections again after recovery. */
  private static Set<Long> presentIds(String jdbc, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", PASSWORD);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id FROM acked")) {
        Set<Long> ids = new HashSet<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the server did not come back after the kill", last);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
