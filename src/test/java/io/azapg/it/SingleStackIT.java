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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The single stack through the CLI: healthy, then recreated with {@code wal-level=minimal} keeping
 * its data; an option only the first start applies is refused; a missing password file stops the
 * stack, naming it, both through {@code up} and through Compose itself. One stack, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleStackIT {
  private final String name = StackRun.project("single");
  private final int port = StackRun.freePort();
  private final int metricsPort = StackRun.freePort();

  @AfterAll
  void removeEverything() {
    StackRun.down("single", name);
    assertThat(StackRun.leftovers(name)).as("left behind").isEmpty();
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "postgres",
        StackRun.secret(name, "postgres-password"));
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  @Order(1)
  void single_isHealthy_withItsExporter() throws Exception {
    TestImage.get();
    ProcessResult up = StackRun.up("single", name, "port=" + port, "metrics-port=" + metricsPort);
    assertThat(up.exitCode()).as(up.stderr()).isZero();
    assertThat(up.stdout().lines())
        .containsExactly(
            "postgres=postgresql://postgres@127.0.0.1:" + port + "/postgres",
            "metrics=http://127.0.0.1:" + metricsPort + "/metrics");
    assertThat(StackRun.status("single", name).path("healthy").asBoolean()).isTrue();
    assertThat(StackRun.scrape(metricsPort)).contains("pg_up", "aza_pg_tuning_memory_limit_bytes");
    ProcessResult logs =
        AzaPg.run(Duration.ofMinutes(1), "logs", "--stack", "single", "--name", name, "postgres");
    assertThat(logs.exitCode()).as(logs.stderr()).isZero();
    assertThat(logs.stdout()).contains("database system is ready to accept connections");
    ProcessResult noSuch =
        AzaPg.run(Duration.ofMinutes(1), "logs", "--stack", "single", "--name", name, "pgbouncer");
    assertThat(noSuch.exitCode()).isEqualTo(3);
    assertThat(noSuch.stderr()).contains("the single stack has no service pgbouncer");
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      assertThat(one(c, "SHOW wal_level")).isEqualTo("logical");
      st.execute("CREATE TABLE kept (v text)");
      st.execute("INSERT INTO kept VALUES ('before')");
    }
  }

  @Test
  @Order(2)
  void walLevelMinimal_recreatesTheServer_keepingTheData() throws Exception {
    ProcessResult up = StackRun.up("single", name, "wal-level=minimal");
    assertThat(up.exitCode()).as(up.stderr()).isZero();
    assertThat(up.stderr()).contains("wal-level logical -> minimal");
    assertThat(StackRun.status("single", name).path("healthy").asBoolean()).isTrue();
    try (Connection c = connect()) {
      assertThat(one(c, "SHOW wal_level")).isEqualTo("minimal");
      assertThat(one(c, "SHOW max_wal_senders")).isEqualTo("0");
      assertThat(one(c, "SELECT v FROM kept")).isEqualTo("before");
    }
  }

  @Test
  @Order(3)
  void anInitOnlyOption_isRefusedNamingIt() throws Exception {
    ProcessResult up = StackRun.up("single", name, "database=other");
    assertThat(up.exitCode()).isEqualTo(3);
    assertThat(up.stderr())
        .contains("--set database=other differs from the running stack's database=postgres")
        .contains("nothing was changed");
    assertThat(up.stdout()).isEmpty();
    try (Connection c = connect()) {
      assertThat(one(c, "SELECT v FROM kept")).isEqualTo("before");
    }
  }

  @Test
  @Order(4)
  void aMissingSecret_stopsTheStack_namingIt() throws Exception {
    ProcessResult down =
        AzaPg.run(Duration.ofMinutes(5), "down", "--stack", "single", "--name", name);
    assertThat(down.exitCode()).as(down.stderr()).isZero();
    Path secret = StackRun.stateDir(name).resolve("secrets/exporter-password");
    String saved = Files.readString(secret);
    Files.delete(secret);

    ProcessResult up = StackRun.up("single", name);
    assertThat(up.exitCode()).isEqualTo(3);
    assertThat(up.stderr())
        .contains("the secret file " + secret + " is missing")
        .contains("restore the file");
    assertThat(secret).doesNotExist();

    // Compose itself, without the CLI: the exporter stops and says which secret is missing.
    ProcessResult compose =
        StackRun.compose(name, "up", "--detach", "--no-deps", "postgres-exporter");
    assertThat(compose.exitCode()).as(compose.stderr()).isZero();
    StackRun.within(
        Duration.ofMinutes(2),
        "the exporter's error in its log",
        () ->
            StackRun.compose(name, "logs", "postgres-exporter")
                .stdout()
                .contains(
                    "POSTGRES_EXPORTER_PASSWORD_FILE=/run/secrets/exporter-password is a directory,"
                        + " not a file: the secret file is missing on the host"));
    StackRun.compose(name, "stop", "postgres-exporter");
    Files.delete(secret);
    Files.createFile(
        secret,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(secret, saved);

    ProcessResult again = StackRun.up("single", name);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    try (Connection c = connect()) {
      assertThat(one(c, "SELECT v FROM kept")).isEqualTo("before");
    }
  }
}
