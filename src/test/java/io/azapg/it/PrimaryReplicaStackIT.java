package io.azapg.it;

import static io.azapg.it.StackRun.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.azapg.monitoring.CustomQueries;
import io.azapg.monitoring.MonitoredMetrics;
import io.azapg.process.ProcessResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGStatement;

/**
 * The primary stack and a replica stack of it, through the CLI and real clients: one primary is
 * shared by the methods (in order), which keeps the class to a few minutes. Everything the class
 * creates (both projects, their volumes, network and state directories) is gone at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrimaryReplicaStackIT {
  private static final String APP_PASSWORD = "app-Pw:with\\odd chars";

  private final String primary = StackRun.project("primary");
  private final String replica = StackRun.project("replica");
  private final List<String> others = new ArrayList<>();
  private final int pgPort = StackRun.freePort();
  private final int poolerPort = StackRun.freePort();
  private final int metricsPort = StackRun.freePort();
  private final int poolerMetricsPort = StackRun.freePort();
  private final int replicaPort = StackRun.freePort();
  private final int replicaMetricsPort = StackRun.freePort();
  private ProcessResult primaryUp;
  private String superPassword;

  @BeforeAll
  void startPrimary() throws Exception {
    TestImage.get();
    primaryUp =
        StackRun.up(
            "primary",
            primary,
            "port=" + pgPort,
            "pgbouncer-port=" + poolerPort,
            "metrics-port=" + metricsPort,
            "pgbouncer-metrics-port=" + poolerMetricsPort);
    assertThat(primaryUp.exitCode()).as(primaryUp.stderr()).isZero();
    superPassword = StackRun.secret(primary, "postgres-password");
  }

  @AfterAll
  void removeEverything() {
    for (String other : others) {
      StackRun.down("replica", other);
    }
    StackRun.down("replica", replica);
    StackRun.down("primary", primary);
    for (String name : List.of(primary, replica)) {
      assertThat(StackRun.leftovers(name)).as("left behind by " + name).isEmpty();
    }
  }

  private Connection direct() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", superPassword);
  }

  private Connection pooled(String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + poolerPort + "/postgres", "app", password);
  }

  private Connection onReplica() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres", "postgres", superPassword);
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  @Order(1)
  void primary_fourServicesHealthy_endpointsPrinted_noSecretShown() throws Exception {
    JsonNode status = StackRun.status("primary", primary);
    assertThat(status.path("healthy").asBoolean()).as(status.toString()).isTrue();
    for (String service :
        List.of("postgres", "pgbouncer", "postgres-exporter", "pgbouncer-exporter")) {
      assertThat(status.at("/services/" + service + "/state").asText()).isEqualTo("running");
      assertThat(status.at("/services/" + service + "/health").asText()).isEqualTo("healthy");
    }
    assertThat(primaryUp.stdout().lines())
        .containsExactly(
            "postgres=postgresql://postgres@127.0.0.1:" + pgPort + "/postgres",
            "pgbouncer=postgresql://127.0.0.1:" + poolerPort + "/postgres",
            "metrics=http://127.0.0.1:" + metricsPort + "/metrics",
            "pgbouncer-metrics=http://127.0.0.1:" + poolerMetricsPort + "/metrics");
    for (String secret :
        List.of("postgres-password", "pgbouncer-auth-password", "exporter-password")) {
      assertThat(primaryUp.stdout() + primaryUp.stderr())
          .doesNotContain(StackRun.secret(primary, secret));
    }
    ProcessResult inspect =
        AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "inspect", primary + "-pgbouncer-1");
    assertThat(inspect.stdout())
        .doesNotContain(StackRun.secret(primary, "pgbouncer-auth-password"))
        .doesNotContain(StackRun.secret(primary, "pgbouncer-stats-password"));
    String ini =
        java.nio.file.Files.readString(StackRun.stateDir(primary).resolve("pgbouncer.ini"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^max_db_connections = (\\d+)$").matcher(ini);
    assertThat(m.find()).isTrue();
    try (Connection c = direct()) {
      assertThat(Integer.parseInt(one(c, "SHOW max_connections")))
          .as("PgBouncer's server connections plus the reserved and direct ones")
          .isEqualTo(Integer.parseInt(m.group(1)) + 3 + 5);
      assertThat(one(c, "SHOW wal_level")).isEqualTo("logical");
    }
  }

  @Test
  @Order(2)
  void pgbouncer_scramForAnAppRole_psqlAndPgjdbc_rowsReadBackDirectly() throws Exception {
    try (Connection c = direct();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE app LOGIN PASSWORD '" + APP_PASSWORD.replace("'", "''") + "'");
      st.execute("CREATE TABLE items (id int PRIMARY KEY, via text)");
      st.execute("GRANT SELECT, INSERT ON items TO app");
      assertThat(
              one(
                  c,
                  "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'app'"))
          .isEqualTo("t");
    }
    ProcessResult psql =
        StackRun.psql(
            poolerPort,
            "app",
            APP_PASSWORD,
            "postgres",
            "INSERT INTO items VALUES (1, 'psql') RETURNING current_user");
    assertThat(psql.exitCode()).as(psql.stderr()).isZero();
    assertThat(psql.stdout()).contains("app");
    try (Connection c = pooled(APP_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO items VALUES (2, 'pgjdbc')");
    }
    try (Connection c = direct()) {
      assertThat(one(c, "SELECT string_agg(via, ',' ORDER BY id) FROM items"))
          .isEqualTo("psql,pgjdbc");
    }
  }

  @Test
  @Order(3)
  void pgbouncer_preparedStatementTenTimesInTransactionMode() throws Exception {
    try (Connection c = pooled(APP_PASSWORD);
        PreparedStatement ps = c.prepareStatement("SELECT count(*) + ? FROM items WHERE id <= ?")) {
      for (int i = 1; i <= 10; i++) {
        ps.setInt(1, i);
        ps.setInt(2, 2);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(2 + i);
        }
      }
      assertThat(ps.unwrap(PGStatement.class).isUseServerPrepare())
          .as("from the 5th run pgjdbc uses a named server-side statement")
          .isTrue();
    }
  }

  @Test
  @Order(4)
  void pgbouncer_refusesAWrongPassword_andTheSuperuser() throws Exception {
    assertThatThrownBy(() -> pooled("not-" + APP_PASSWORD).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("authentication failed");
    ProcessResult superuser =
        StackRun.psql(poolerPort, "postgres", superPassword, "postgres", "SELECT 1");
    assertThat(superuser.exitCode()).isNotZero();
  }

  @Test
  @Order(5)
  void exporters_serveEveryCustomSeries() throws Exception {
    Set<String> pg = StackRun.scrape(metricsPort);
    assertThat(pg).contains("pg_up");
    for (String name : CustomQueries.served()) {
      if (!name.startsWith("pg_replication_senders_")) {
        assertThat(pg).as(name).contains(name);
      }
    }
    assertThat(StackRun.scrape(poolerMetricsPort))
        .contains("pgbouncer_up", "pgbouncer_pools_client_active_connections");
  }

  @Test
  @Order(6)
  void replica_wrongSlot_failsWithTheFix_andLeavesItsVolumeEmpty() {
    String bad = StackRun.project("replica-slot");
    others.add(bad);
    ProcessResult r =
        StackRun.up(
            "replica",
            bad,
            "primary=" + primary,
            "slot=no_such_slot",
            "port=" + StackRun.freePort(),
            "metrics-port=" + StackRun.freePort());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("REPLICATION_SLOT_NAME=\"no_such_slot\" is not valid")
        .contains("SELECT pg_create_physical_replication_slot('no_such_slot');");
    assertThat(r.stdout()).isEmpty();
    assertThat(StackRun.filesIn(bad + "_data")).isEmpty();
  }

  @Test
  @Order(7)
  void replica_unreachablePrimary_timesOutNamingIt_andLeavesItsVolumeEmpty() {
    String bad = StackRun.project("replica-host");
    others.add(bad);
    ProcessResult r =
        StackRun.up(
            "replica",
            bad,
            "primary=" + primary,
            "primary-host=no-such-host",
            "primary-wait=4",
            "port=" + StackRun.freePort(),
            "metrics-port=" + StackRun.freePort());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(6);
    assertThat(r.stderr())
        .contains("PRIMARY_HOST=no-such-host PRIMARY_PORT=5432")
        .contains("start the primary first");
    assertThat(StackRun.filesIn(bad + "_data")).isEmpty();
  }

  @Test
  @Order(8)
  void replica_streams_isReadOnly_seesNewRows_withItsOwnSettingsLive() throws Exception {
    ProcessResult up =
        StackRun.up(
            "replica",
            replica,
            "primary=" + primary,
            "port=" + replicaPort,
            "metrics-port=" + replicaMetricsPort);
    assertThat(up.exitCode()).as(up.stderr()).isZero();
    try (Connection p = direct()) {
      assertThat(one(p, "SELECT application_name || '/' || state FROM pg_stat_replication"))
          .isEqualTo("replica_slot_1/streaming");
    }
    try (Connection r = onReplica()) {
      assertThat(one(r, "SELECT pg_is_in_recovery()")).isEqualTo("t");
      assertThat(one(r, "SHOW transaction_read_only")).isEqualTo("on");
      assertThatThrownBy(() -> one(r, "INSERT INTO items VALUES (99, 'replica') RETURNING 1"))
          .hasMessageContaining("read-only");
      assertThat(one(r, "SHOW hot_standby_feedback")).isEqualTo("on");
      assertThat(one(r, "SHOW primary_slot_name")).isEqualTo("replica_slot_1");
      assertThat(one(r, "SHOW max_standby_streaming_delay")).isEqualTo("5min");
      assertThat(one(r, "SELECT sourcefile FROM pg_settings WHERE name = 'hot_standby_feedback'"))
          .endsWith("aza-pg.tuning.conf");
    }
    assertNewRowReachesReplica(3);
    JsonNode status = StackRun.status("replica", replica);
    assertThat(status.path("healthy").asBoolean()).as(status.toString()).isTrue();
    assertThat(status.at("/receiver/status").asText()).isEqualTo("streaming");
    assertThat(status.at("/replication/0/standby").asText()).isEqualTo("replica_slot_1");
    assertThat(status.at("/replication/0/state").asText()).isEqualTo("streaming");
    assertThat(status.at("/replication/0/lag_bytes").isNumber()).isTrue();
    assertThat(status.at("/replication/0/lag_seconds").isNumber()).isTrue();
    JsonNode primaryStatus = StackRun.status("primary", primary);
    assertThat(primaryStatus.at("/replication/0/standby").asText()).isEqualTo("replica_slot_1");
  }

  private void assertNewRowReachesReplica(int id) throws Exception {
    try (Connection p = direct();
        Statement st = p.createStatement()) {
      st.execute("INSERT INTO items VALUES (" + id + ", 'replicated')");
    }
    try (Connection r = onReplica()) {
      within(
          Duration.ofSeconds(10),
          "row " + id + " on the replica",
          () -> {
            try {
              return one(r, "SELECT count(*) FROM items WHERE id = " + id).equals("1");
            } catch (SQLException e) {
              throw new AssertionError(e);
            }
          });
    }
  }

  @Test
  @Order(9)
  void monitoring_everyMetricTheRulesAndDashboardUse_isServed() throws Exception {
    Set<String> served = new TreeSet<>();
    served.addAll(StackRun.scrape(metricsPort));
    served.addAll(StackRun.scrape(poolerMetricsPort));
    served.addAll(StackRun.scrape(replicaMetricsPort));
    for (String name : CustomQueries.served()) {
      assertThat(served).as("custom series " + name).contains(name);
    }
    List<String> missing = new ArrayList<>();
    for (String name : MonitoredMetrics.all()) {
      if (!served.contains(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).as("names in monitoring/ that no exporter serves").isEmpty();
  }

  @Test
  @Order(10)
  void replica_survivesItsOwnRestart_andThePrimarysRestart() throws Exception {
    assertThat(StackRun.compose(replica, "restart", "replica").exitCode()).isZero();
    within(Duration.ofMinutes(3), "the replica healthy again", () -> healthy("replica", replica));
    assertNewRowReachesReplica(4);

    assertThat(StackRun.compose(primary, "restart", "postgres").exitCode()).isZero();
    within(Duration.ofMinutes(3), "the primary healthy again", () -> healthy("primary", primary));
    within(
        Duration.ofMinutes(2),
        "the replica streaming again",
        () ->
            StackRun.status("replica", replica)
                .at("/replication/0/state")
                .asText()
                .equals("streaming"));
    assertNewRowReachesReplica(5);
  }

  @Test
  @Order(11)
  void pgbouncer_startedBeforePostgres_recoversByItself() throws Exception {
    assertThat(StackRun.compose(primary, "stop", "postgres").exitCode()).isZero();
    assertThat(StackRun.compose(primary, "restart", "pgbouncer").exitCode()).isZero();
    within(
        Duration.ofMinutes(2),
        "PgBouncer healthy while PostgreSQL is down",
        () ->
            StackRun.status("primary", primary)
                .at("/services/pgbouncer/health")
                .asText()
                .equals("healthy"));
    assertThat(StackRun.compose(primary, "start", "postgres").exitCode()).isZero();
    try (Connection c = pooled(APP_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO items VALUES (6, 'after the restart')");
    }
    within(Duration.ofMinutes(3), "the primary healthy again", () -> healthy("primary", primary));
  }

  @Test
  @Order(12)
  void diagnose_eachStack_oneArchiveWithEveryServiceAndNoPassword() throws Exception {
    within(Duration.ofMinutes(3), "the replica healthy", () -> healthy("replica", replica));
    List<String> passwords = new ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.list(StackRun.stateDir(primary).resolve("secrets"))) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        passwords.add(java.nio.file.Files.readString(f).strip());
      }
    }
    assertThat(passwords).hasSizeGreaterThanOrEqualTo(6);
    // A failing statement puts its text, each password included, into both servers' logs.
    try (Connection p = direct();
        Connection r = onReplica()) {
      for (Connection c : List.of(p, r)) {
        for (String password : passwords) {
          try (Statement st = c.createStatement()) {
            st.execute("SELECT '" + password.replace("'", "''") + "'::int");
            throw new AssertionError("a password is not an integer");
          } catch (SQLException expected) {
            assertThat(expected.getMessage()).contains("invalid input syntax");
          }
        }
      }
    }
    java.nio.file.Path temp = java.nio.file.Files.createTempDirectory("aza-pg-it-diagnose-");
    try {
      Map<String, List<String>> expected =
          Map.of(
              "primary",
              List.of(
                  "diagnostics/compose.yaml",
                  "diagnostics/postgres/container-logs.txt",
                  "diagnostics/postgres/show-all.txt",
                  "diagnostics/postgres/pg-stat-replication.txt",
                  "diagnostics/postgres/pg-stat-wal-receiver.txt",
                  "diagnostics/pgbouncer/container-logs.txt",
                  "diagnostics/pgbouncer/show-pools.txt",
                  "diagnostics/pgbouncer/show-stats.txt",
                  "diagnostics/postgres-exporter/metrics.txt",
                  "diagnostics/pgbouncer-exporter/metrics.txt",
                  "diagnostics/pgbouncer-exporter/container-logs.txt"),
              "replica",
              List.of(
                  "diagnostics/compose.yaml",
                  "diagnostics/replica/container-logs.txt",
                  "diagnostics/replica/show-all.txt",
                  "diagnostics/replica/pg-stat-wal-receiver.txt",
                  "diagnostics/postgres-exporter/metrics.txt"));
      for (String kind : List.of("primary", "replica")) {
        String project = kind.equals("primary") ? primary : replica;
        java.nio.file.Path archive = temp.resolve(kind + ".tar.gz");
        ProcessResult r =
            AzaPg.run(
                Duration.ofMinutes(5),
                "diagnose",
                "--stack",
                kind,
                "--name",
                project,
                "-o",
                archive.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(archive.toString());
        List<String> entries =
            AzaPg.exec(Duration.ofMinutes(1), "tar", "-tzf", archive.toString())
                .stdout()
                .lines()
                .toList();
        assertThat(entries).containsAll(expected.get(kind));
        java.nio.file.Path out = java.nio.file.Files.createDirectories(temp.resolve(kind));
        assertThat(
                AzaPg.exec(
                        Duration.ofMinutes(1),
                        "tar",
                        "-xzf",
                        archive.toString(),
                        "-C",
                        out.toString())
                    .exitCode())
            .isZero();
        java.nio.file.Path dir = out.resolve("diagnostics");
        String server = kind.equals("primary") ? "postgres" : "replica";
        assertThat(java.nio.file.Files.readString(dir.resolve(server + "/show-all.txt")))
            .contains("shared_buffers|");
        assertThat(java.nio.file.Files.readString(dir.resolve(server + "/container-logs.txt")))
            .as("the planted statements reached the archive, redacted")
            .contains("invalid input syntax");
        assertThat(java.nio.file.Files.readString(dir.resolve("postgres-exporter/metrics.txt")))
            .contains("pg_up");
        if (kind.equals("primary")) {
          assertThat(
                  java.nio.file.Files.readString(dir.resolve("postgres/pg-stat-replication.txt")))
              .contains("streaming");
          assertThat(java.nio.file.Files.readString(dir.resolve("pgbouncer/show-pools.txt")))
              .contains("postgres|");
          assertThat(java.nio.file.Files.readString(dir.resolve("pgbouncer/show-stats.txt")))
              .contains("total_xact_count");
          assertThat(java.nio.file.Files.readString(dir.resolve("pgbouncer-exporter/metrics.txt")))
              .contains("pgbouncer_up");
        } else {
          assertThat(
                  java.nio.file.Files.readString(dir.resolve("replica/pg-stat-wal-receiver.txt")))
              .contains("streaming");
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
          for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
            String text = java.nio.file.Files.readString(f);
            for (String password : passwords) {
              assertThat(text).as(kind + ": " + dir.relativize(f)).doesNotContain(password);
            }
          }
        }
        for (String password : passwords) {
          assertThat(r.stdout() + r.stderr()).doesNotContain(password);
        }
      }
    } finally {
      AzaPg.exec(Duration.ofMinutes(1), "rm", "-rf", temp.toString());
    }
  }

  private static boolean healthy(String kind, String name) {
    return StackRun.status(kind, name).path("healthy").asBoolean();
  }
}
