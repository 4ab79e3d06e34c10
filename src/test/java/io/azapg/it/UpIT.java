package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
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
    int port = freePort();
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
      deleteRecursively(secrets);
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
