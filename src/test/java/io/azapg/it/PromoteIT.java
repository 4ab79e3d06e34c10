package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aza-pg promote} on a replica stack while a client writes to its primary, which is killed
 * with SIGKILL: every acknowledged row is recorded. With asynchronous replication (the default) the
 * number missing on the promoted replica is measured and printed; with {@code synchronous=on} on
 * the primary stack, every acknowledged row must be there.
 */
class PromoteIT {
  @Test
  void primaryKilledUnderWriteLoad_replicaPromoted_acceptsWrites_lossMeasured(@TempDir Path dir)
      throws Exception {
    long[] result = killPrimaryUnderLoadAndPromote(dir, false);
    assertThat(result[1]).isBetween(0L, result[0]);
  }

  @Test
  void synchronousReplication_primaryKilledUnderWriteLoad_noAcknowledgedRowLost(@TempDir Path dir)
      throws Exception {
    long[] result = killPrimaryUnderLoadAndPromote(dir, true);
    assertThat(result[0]).isGreaterThanOrEqualTo(500);
    assertThat(result[1]).as("acknowledged rows missing on the promoted replica").isZero();
  }

  /**
   * Runs a primary and a replica stack, writes one row per transaction through the primary while
   * recording each acknowledged one, kills the primary with SIGKILL, promotes the replica and
   * counts the acknowledged rows missing there.
   *
   * @return {@code [acknowledged, lost]}
   */
  private static long[] killPrimaryUnderLoadAndPromote(Path dir, boolean synchronous)
      throws Exception {
    String mode = synchronous ? "synchronous" : "asynchronous";
    String primary = StackRun.project(synchronous ? "promote-sp" : "promote-p");
    String replica = StackRun.project(synchronous ? "promote-sr" : "promote-r");
    int pgPort = StackRun.freePort();
    int replicaPort = StackRun.freePort();
    try {
      TestImage.get();
      ProcessResult p =
          StackRun.up(
              "primary",
              primary,
              "port=" + pgPort,
              "pgbouncer-port=" + StackRun.freePort(),
              "metrics-port=" + StackRun.freePort(),
              "pgbouncer-metrics-port=" + StackRun.freePort(),
              "synchronous=" + (synchronous ? "on" : "off"));
      assertThat(p.exitCode()).as(p.stderr()).isZero();
      String password = StackRun.secret(primary, "postgres-password");
      // The table is created before the replica exists: with synchronous replication its commit
      // waits (wait event SyncRep) until the replica streams, and completes then.
      AtomicBoolean created = new AtomicBoolean();
      Thread creator =
          new Thread(
              () -> {
                try (Connection c = connect(pgPort, password);
                    Statement st = c.createStatement()) {
                  st.execute("CREATE TABLE acked (id bigint PRIMARY KEY)");
                  created.set(true);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      creator.start();
      if (synchronous) {
        try (Connection c = connect(pgPort, password);
            Statement st = c.createStatement()) {
          StackRun.within(
              Duration.ofMinutes(1),
              "the CREATE TABLE waiting for the synchronous standby",
              () -> {
                try {
                  return value(
                          st,
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'"
                              + " AND query LIKE 'CREATE TABLE acked%'")
                      .equals("1");
                } catch (SQLException e) {
                  throw new AssertionError(e);
                }
              });
        }
        Thread.sleep(2000);
        assertThat(created.get()).as("a commit with no synchronous standby connected").isFalse();
      } else {
        creator.join(Duration.ofMinutes(1).toMillis());
        assertThat(created.get()).as("an asynchronous commit").isTrue();
      }
      ProcessResult r =
          StackRun.up(
              "replica",
              replica,
              "primary=" + primary,
              "port=" + replicaPort,
              "metrics-port=" + StackRun.freePort());
      assertThat(r.exitCode()).as(r.stderr()).isZero();

      ProcessResult notStandby =
          AzaPg.run(
              Duration.ofMinutes(2), "promote", "--stack", "primary", "--name", primary, "--yes");
      assertThat(notStandby.exitCode()).as(notStandby.stderr()).isEqualTo(3);
      assertThat(notStandby.stderr()).contains("is not a standby");

      try (Connection c = connect(pgPort, password);
          Statement st = c.createStatement()) {
        assertThat(value(st, "SHOW synchronous_standby_names"))
            .isEqualTo(synchronous ? "replica_slot_1" : "");
        assertThat(value(st, "SHOW synchronous_commit")).isEqualTo("on");
        // The replica is streaming, and (synchronous) counted as the synchronous standby.
        StackRun.within(
            Duration.ofMinutes(2),
            "the replica streaming as " + (synchronous ? "sync" : "async"),
            () -> {
              try {
                return (synchronous ? "sync" : "async")
                    .equals(
                        value(
                            st,
                            "SELECT coalesce(max(sync_state), '') FROM pg_stat_replication"
                                + " WHERE application_name = 'replica_slot_1'"
                                + " AND state = 'streaming'"));
              } catch (SQLException e) {
                throw new AssertionError(e);
              }
            });
      }
      creator.join(Duration.ofMinutes(1).toMillis());
      assertThat(created.get()).as("the CREATE TABLE committed once the replica streams").isTrue();
      Set<Long> acked = new ConcurrentSkipListSet<>();
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer =
          new Thread(
              () -> {
                try (Connection c = connect(pgPort, password);
                    Statement st = c.createStatement()) {
                  for (long id = 1; !stop.get(); id++) {
                    st.execute("INSERT INTO acked VALUES (" + id + ")");
                    acked.add(id);
                  }
                } catch (SQLException e) {
                  // The primary was killed: the writer stops at its first failed commit.
                }
              });
      writer.start();
      StackRun.within(Duration.ofMinutes(2), "500 acknowledged rows", () -> acked.size() >= 500);
      String container = StackRun.serviceContainer(primary, "postgres");
      ProcessResult kill =
          AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "kill", "--signal", "KILL", container);
      assertThat(kill.exitCode()).as(kill.stderr()).isZero();
      writer.join(Duration.ofMinutes(2).toMillis());
      stop.set(true);

      Path backup = dir.resolve("pre.dump");
      ProcessResult promote =
          AzaPg.run(
              Duration.ofMinutes(5),
              "promote",
              "--stack",
              "replica",
              "--name",
              replica,
              "-o",
              backup.toString(),
              "--yes");
      assertThat(promote.exitCode()).as(promote.stderr()).isZero();
      assertThat(promote.stdout()).contains("backup: " + backup).containsPattern("timeline: [2-9]");
      assertThat(promote.stderr()).contains("next: fence the old primary");
      assertThat(Files.size(backup)).isPositive();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("pre.dump", "pre.dump.sha256");
      }

      long present;
      try (Connection c = connect(replicaPort, password);
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO acked VALUES (-1)");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM acked WHERE id = ANY(ARRAY"
                    + acked.stream().map(String::valueOf).toList()
                    + "::bigint[])")) {
          rs.next();
          present = rs.getLong(1);
        }
      }
      long lost = acked.size() - present;
      System.out.printf(
          java.util.Locale.ROOT,
          "PromoteIT (%s replication): %d acknowledged, %d on the promoted replica, %d lost%n",
          mode,
          acked.size(),
          present,
          lost);
      return new long[] {acked.size(), lost};
    } finally {
      StackRun.down("replica", replica);
      StackRun.down("primary", primary);
      for (String name : List.of(primary, replica)) {
        assertThat(StackRun.leftovers(name)).as("left behind by " + name).isEmpty();
      }
    }
  }

  private static String value(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect(int port, String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
  }
}
