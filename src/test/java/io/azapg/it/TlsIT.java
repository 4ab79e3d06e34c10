package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code aza-pg certs} and {@code up --tls}: psql and pgjdbc connect with {@code
 * sslmode=verify-full} against the generated CA, and a host name the certificate does not name is
 * refused by both.
 */
class TlsIT {
  @Test
  void verifyFull_withTheGeneratedCa_psqlAndPgjdbc_andAWrongHostNameIsRefused() throws Exception {
    String name = StackRun.project("tls");
    int port = StackRun.freePort();
    Path state = AzaPg.projectDir().resolve(".aza-pg").resolve(name);
    Path tls = state.resolve("tls");
    try {
      ProcessResult certs =
          AzaPg.run(
              Duration.ofMinutes(2),
              "certs",
              "--dir",
              tls.toString(),
              "--hostname",
              "localhost",
              "--hostname",
              "db.example.com");
      assertThat(certs.exitCode()).as(certs.stderr()).isZero();
      assertThat(certs.stdout()).contains(tls.resolve("server.key").toString());
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tls.resolve("server.key"))))
          .isEqualTo("rw-------");
      ProcessResult again =
          AzaPg.run(Duration.ofMinutes(2), "certs", "--dir", tls.toString(), "--hostname", "x");
      assertThat(again.exitCode()).isEqualTo(3);
      assertThat(again.stderr()).contains("--force");

      ProcessResult up =
          AzaPg.run(
              Duration.ofMinutes(40),
              "up",
              "--name",
              name,
              "--port",
              Integer.toString(port),
              "--tls");
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      assertThat(up.stdout())
          .contains("sslmode=verify-full&sslrootcert=" + tls.resolve("ca.crt").toAbsolutePath());
      String password = Files.readString(state.resolve("postgres-password")).strip();
      String ca = tls.resolve("ca.crt").toString();

      assertThat(jdbc("localhost", port, password, ca)).isEqualTo("t");
      assertThatThrownBy(() -> jdbc("127.0.0.1", port, password, ca))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("127.0.0.1");

      Path caFile = tls.resolve("ca.crt");
      ProcessResult psql = psql(caFile, port, "postgres", password, "postgres", "db.example.com");
      assertThat(psql.exitCode()).as(psql.stderr()).isZero();
      assertThat(psql.stdout().strip()).isEqualTo("t");
      ProcessResult wrong =
          psql(caFile, port, "postgres", password, "postgres", "wrong.example.com");
      assertThat(wrong.exitCode()).isNotZero();
      assertThat(wrong.stderr()).contains("does not match host name");
      ProcessResult plain = plain(port, "postgres", password, "postgres");
      assertThat(plain.exitCode()).as(plain.stdout()).isNotZero();
      assertThat(plain.stderr()).contains("no encryption");
    } finally {
      AzaPg.exec(Duration.ofMinutes(2), AzaPg.engine(), "rm", "--force", "--volumes", name);
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(state);
    }
  }

  /**
   * {@code up --stack primary --tls}: one certificate for loopback and the service names;
   * PostgreSQL and PgBouncer (which verifies PostgreSQL as "postgres") take only TLS from the host,
   * and verify-full holds for psql and pgjdbc on both ports.
   */
  @Test
  void primaryStack_tls_verifyFullDirectAndThroughPgBouncer_plainAndWrongNamesRefused()
      throws Exception {
    String name = StackRun.project("tls-stack");
    int pg = StackRun.freePort();
    int bouncer = StackRun.freePort();
    try {
      ProcessResult up =
          AzaPg.run(
              Duration.ofMinutes(40),
              "up",
              "--stack",
              "primary",
              "--name",
              name,
              "--tls",
              "--set",
              "port=" + pg,
              "--set",
              "pgbouncer-port=" + bouncer,
              "--set",
              "metrics-port=" + StackRun.freePort(),
              "--set",
              "pgbouncer-metrics-port=" + StackRun.freePort());
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      Path tls = StackRun.stateDir(name).resolve("secrets").resolve("tls");
      Path ca = tls.resolve("ca.crt");
      assertThat(up.stdout())
          .contains("sslmode=verify-full&sslrootcert=" + ca.toAbsolutePath())
          .doesNotContain("BEGIN");
      assertThat(up.stderr()).doesNotContain("PRIVATE KEY");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tls.resolve("server.key"))))
          .isEqualTo("rw-------");
      String password = StackRun.secret(name, "postgres-password");

      assertThat(jdbc("localhost", pg, "postgres", password, ca.toString())).isEqualTo("t");
      ProcessResult direct = psql(ca, pg, "postgres", password, "postgres", "localhost");
      assertThat(direct.exitCode()).as(direct.stderr()).isZero();
      assertThat(direct.stdout().strip()).isEqualTo("t");
      ProcessResult role =
          StackRun.psql(
              "postgres",
              password,
              Optional.of(ca),
              "CREATE ROLE tls_app LOGIN PASSWORD 'tls-app-pw'",
              "host=localhost hostaddr=127.0.0.1 port="
                  + pg
                  + " user=postgres dbname=postgres sslmode=verify-full sslrootcert=/tmp/ca.crt");
      assertThat(role.exitCode()).as(role.stderr()).isZero();

      // through PgBouncer: it serves the login role over TLS and reaches PostgreSQL over TLS
      ProcessResult pooled = psql(ca, bouncer, "tls_app", "tls-app-pw", "postgres", "localhost");
      assertThat(pooled.exitCode()).as(pooled.stderr()).isZero();
      assertThat(pooled.stdout().strip())
          .as("PostgreSQL's side of PgBouncer's connection uses TLS")
          .isEqualTo("t");
      assertThat(jdbc("localhost", bouncer, "tls_app", "tls-app-pw", ca.toString())).isEqualTo("t");

      for (int port : new int[] {pg, bouncer}) {
        ProcessResult wrong =
            psql(ca, port, "tls_app", "tls-app-pw", "postgres", "wrong.example.com");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stderr()).contains("does not match host name");
        ProcessResult plain = plain(port, "tls_app", "tls-app-pw", "postgres");
        assertThat(plain.exitCode()).as(plain.stdout()).isNotZero();
        assertThat(plain.stderr()).containsAnyOf("no encryption", "SSL required");
      }

      // A replica stack with tls=on copies and streams over TLS, verifying the primary's
      // certificate (it names the service "postgres") with the CA.
      String replica = StackRun.project("tls-replica");
      try {
        ProcessResult rep =
            StackRun.up(
                "replica",
                replica,
                "primary=" + name,
                "tls=on",
                "port=" + StackRun.freePort(),
                "metrics-port=" + StackRun.freePort());
        assertThat(rep.exitCode()).as(rep.stderr()).isZero();
        String onPrimary =
            "host=localhost hostaddr=127.0.0.1 port="
                + pg
                + " user=postgres dbname=postgres sslmode=verify-full sslrootcert=/tmp/ca.crt";
        ProcessResult marker =
            StackRun.psql(
                "postgres",
                password,
                Optional.of(ca),
                "CREATE TABLE tls_marker (x int)",
                onPrimary);
        assertThat(marker.exitCode()).as(marker.stderr()).isZero();
        ProcessResult sender =
            StackRun.psql(
                "postgres",
                password,
                Optional.of(ca),
                "SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)",
                onPrimary);
        assertThat(sender.exitCode()).as(sender.stderr()).isZero();
        assertThat(sender.stdout().strip()).as("the walsender's connection").isEqualTo("t");
        String standby = StackRun.serviceContainer(replica, "replica");
        java.util.concurrent.atomic.AtomicReference<String> receiver =
            new java.util.concurrent.atomic.AtomicReference<>("");
        StackRun.within(
            Duration.ofSeconds(60),
            "the replica streaming the marker table",
            () -> {
              receiver.set(
                  BackupRestoreIT.psql(
                      standby,
                      "postgres",
                      "SELECT conninfo FROM pg_stat_wal_receiver WHERE status = 'streaming'"
                          + " AND EXISTS (SELECT FROM pg_class WHERE relname = 'tls_marker')"));
              return !receiver.get().isEmpty();
            });
        assertThat(receiver.get()).contains("sslmode=verify-full").contains("sslrootcert=");
      } finally {
        StackRun.down("replica", replica);
      }
    } finally {
      StackRun.down("primary", name);
    }
  }

  /** pg_stat_ssl's ssl for this connection, made with sslmode=verify-full. */
  private static String jdbc(String host, int port, String password, String ca)
      throws SQLException {
    return jdbc(host, port, "postgres", password, ca);
  }

  /** As {@link #jdbc(String, int, String, String)} for another login role. */
  private static String jdbc(String host, int port, String user, String password, String ca)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "verify-full");
    p.setProperty("sslrootcert", ca);
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", p);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      return rs.getBoolean(1) ? "t" : "f";
    }
  }

  /**
   * The image's psql on the host network, verifying the server as {@code hostName} while it
   * connects to 127.0.0.1 (libpq's host and hostaddr).
   */
  private static ProcessResult psql(
      Path ca, int port, String user, String password, String db, String hostName)
      throws IOException {
    return StackRun.psql(
        user,
        password,
        Optional.of(ca),
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        "host="
            + hostName
            + " hostaddr=127.0.0.1 port="
            + port
            + " user="
            + user
            + " dbname="
            + db
            + " sslmode=verify-full sslrootcert=/tmp/ca.crt");
  }

  /** psql without TLS (sslmode=disable) from the host. */
  private static ProcessResult plain(int port, String user, String password, String db)
      throws IOException {
    return StackRun.psql(
        user,
        password,
        Optional.empty(),
        "SELECT 1",
        "host=127.0.0.1 port=" + port + " user=" + user + " dbname=" + db + " sslmode=disable");
  }
}
