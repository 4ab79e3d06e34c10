package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code aza-pg up}, {@code status} and {@code down} as a user runs them: the jar in the project
 * directory, a unique node name and a free port; the node, its volume and its password directory
 * are removed whatever happens.
 */
class UpIT {
  @Test
  void up_printsTheUri_keepsThePasswordInA0600File_statusAndDownVolumes() throws Exception {
    String name = "aza-pg-it-up-" + UUID.randomUUID().toString().substring(0, 8);
    int port = TestHost.freePort();
    Path secrets = AzaPg.projectDir().resolve(".aza-pg").resolve(name);
    String uri = "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    try {
      ProcessResult up = up(name, port);
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      assertThat(up.stdout().strip()).isEqualTo(uri);

      Path passwordFile = secrets.resolve("postgres-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      String password = Files.readString(passwordFile).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(16);
      assertThat(up.stdout()).doesNotContain(password);
      assertThat(up.stderr()).doesNotContain(password);

      String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", password);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT current_user || '/' || (SELECT status FROM aza_pg.init_status)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("postgres/completed");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "wrong" + password))
          .isInstanceOf(SQLException.class);

      ProcessResult status = AzaPg.run(Duration.ofMinutes(1), "status", "--name", name);
      assertThat(status.exitCode()).as(status.stderr()).isZero();
      assertThat(status.stdout()).containsPattern("health:\\s+healthy");

      ProcessResult again = up(name, port);
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(again.stderr()).contains(name + " is already running");
      assertThat(again.stdout().strip()).isEqualTo(uri);
      assertThat(again.stdout() + again.stderr()).doesNotContain(password);

      ProcessResult down = AzaPg.run(Duration.ofMinutes(2), "down", "--name", name, "--volumes");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(engine("container", "exists", name).exitCode()).isNotZero();
      assertThat(engine("volume", "exists", name + "-data").exitCode()).isNotZero();

      ProcessResult gone = AzaPg.run(Duration.ofMinutes(1), "status", "--name", name);
      assertThat(gone.exitCode()).isEqualTo(1);
      assertThat(gone.stdout()).containsPattern("exists:\\s+false");
    } finally {
      engine("rm", "--force", "--volumes", name);
      engine("volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(secrets);
    }
  }

  @Test
  void upWithOtherOptions_recreatesOnTheSameVolume_refusesAnotherDatabase_psqlUsesTheNodesOwn()
      throws Exception {
    String name = "aza-pg-it-up2-" + UUID.randomUUID().toString().substring(0, 8);
    int first = TestHost.freePort();
    int second = TestHost.freePort();
    Path secrets = AzaPg.projectDir().resolve(".aza-pg").resolve(name);
    try {
      ProcessResult up =
          AzaPg.run(
              Duration.ofMinutes(40),
              "up",
              "--name",
              name,
              "--port",
              Integer.toString(first),
              "--database",
              "app");
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      assertThat(up.stdout().strip())
          .isEqualTo("postgresql://postgres@127.0.0.1:" + first + "/app");
      String password = Files.readString(secrets.resolve("postgres-password")).strip();
      sql(first, password, "CREATE TABLE kept(x int); INSERT INTO kept VALUES (42)");

      // No options: the node keeps what it runs with, and the URI says so (not the defaults).
      ProcessResult same = AzaPg.run(Duration.ofMinutes(5), "up", "--name", name);
      assertThat(same.exitCode()).as(same.stderr()).isZero();
      assertThat(same.stderr()).contains(name + " is already running with these settings");
      assertThat(same.stdout().strip())
          .isEqualTo("postgresql://postgres@127.0.0.1:" + first + "/app");

      ProcessResult moved =
          AzaPg.run(
              Duration.ofMinutes(5),
              "up",
              "--name",
              name,
              "--port",
              Integer.toString(second),
              "--memory",
              "768MB");
      assertThat(moved.exitCode()).as(moved.stderr()).isZero();
      assertThat(moved.stderr())
          .contains("recreating container " + name)
          .contains("--memory 768MB (was 1024MB)")
          .contains("--port " + second + " (was " + first + ")")
          .contains("data volume " + name + "-data is kept");
      assertThat(moved.stdout().strip())
          .isEqualTo("postgresql://postgres@127.0.0.1:" + second + "/app");
      assertThat(sql(second, password, "SELECT x FROM kept")).isEqualTo("42");
      assertThat(engine("inspect", "--format", "{{.HostConfig.Memory}}", name).stdout().strip())
          .isEqualTo(Long.toString(768L << 20));

      ProcessResult other =
          AzaPg.run(Duration.ofMinutes(5), "up", "--name", name, "--database", "other");
      assertThat(other.exitCode()).isEqualTo(3);
      assertThat(other.stderr()).contains("--database other").contains("\"app\"");
      assertThat(other.stdout()).isEmpty();
      assertThat(sql(second, password, "SELECT x FROM kept")).isEqualTo("42");

      // psql through the docker CLI with no DOCKER_HOST set: the engine adapter points it at the
      // Podman socket, and psql lands in the node's database.
      ProcessResult psql =
          AzaPg.run(
              Duration.ofMinutes(2),
              Map.of("DOCKER_HOST", ""),
              "psql",
              "--engine",
              "docker",
              "--name",
              name,
              "--",
              "-A",
              "-t",
              "-c",
              "SELECT current_database() || ':' || (SELECT x FROM kept)");
      assertThat(psql.exitCode()).as(psql.stderr()).isZero();
      assertThat(psql.stdout().strip()).isEqualTo("app:42");

      ProcessResult down = AzaPg.run(Duration.ofMinutes(2), "down", "--name", name, "--volumes");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(secrets.resolve("node.json")).doesNotExist();
    } finally {
      engine("rm", "--force", "--volumes", name);
      engine("volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(secrets);
    }
  }

  private static String sql(int port, String password, String statements) throws SQLException {
    String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/app";
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", password);
        Statement st = c.createStatement()) {
      if (st.execute(statements)) {
        try (ResultSet rs = st.getResultSet()) {
          return rs.next() ? rs.getString(1) : "";
        }
      }
      return "";
    }
  }

  private static ProcessResult up(String name, int port) {
    return AzaPg.run(
        Duration.ofMinutes(40),
        "up",
        "--name",
        name,
        "--port",
        Integer.toString(port),
        "--memory",
        "1GB",
        "--cpus",
        "1");
  }

  private static ProcessResult engine(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = AzaPg.engine();
    System.arraycopy(args, 0, argv, 1, args.length);
    return AzaPg.exec(Duration.ofMinutes(1), argv);
  }
}
