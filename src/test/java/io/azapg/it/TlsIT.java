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

      ProcessResult psql = psql(tls, port, password, "db.example.com");
      assertThat(psql.exitCode()).as(psql.stderr()).isZero();
      assertThat(psql.stdout().strip()).isEqualTo("t");
      ProcessResult wrong = psql(tls, port, password, "wrong.example.com");
      assertThat(wrong.exitCode()).isNotZero();
      assertThat(wrong.stderr()).contains("does not match host name");
    } finally {
      AzaPg.exec(Duration.ofMinutes(2), AzaPg.engine(), "rm", "--force", "--volumes", name);
      AzaPg.exec(Duration.ofMinutes(1), AzaPg.engine(), "volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(state);
    }
  }

  /** pg_stat_ssl's ssl for this connection, made with sslmode=verify-full. */
  private static String jdbc(String host, int port, String password, String ca)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
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
   * connects to 127.0.0.1 (libpq's host and hostaddr); the password in a passfile.
   */
  private static ProcessResult psql(Path tls, int port, String password, String hostName)
      throws IOException {
    Path pass =
        Files.createTempFile(
            "aza-pg-it-",
            ".pgpass",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(pass, "*:*:*:postgres:" + password + "\n");
      return AzaPg.exec(
          Duration.ofMinutes(2),
          AzaPg.engine(),
          "run",
          "--rm",
          "--network",
          "host",
          "-v",
          pass + ":/tmp/pgpass:ro",
          "-v",
          tls.resolve("ca.crt") + ":/tmp/ca.crt:ro",
          "-e",
          "PGPASSFILE=/tmp/pgpass",
          "--entrypoint",
          "psql",
          TestImage.get(),
          "-X",
          "-A",
          "-t",
          "-c",
          "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
          "host="
              + hostName
              + " hostaddr=127.0.0.1 port="
              + port
              + " user=postgres dbname=postgres sslmode=verify-full sslrootcert=/tmp/ca.crt");
    } finally {
      Files.deleteIfExists(pass);
    }
  }
}
