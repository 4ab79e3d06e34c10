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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The data of a node survives everything short of {@code down --volumes}: an engine restart of the
 * container, {@code down} then {@code up}, and a recreate on the same volume (other limits, and a
 * container removed behind aza-pg's back). The password file is the same file throughout.
 */
class PersistenceIT {
  @Test
  void dataSurvives_restart_downUp_andRecreateOnTheSameVolume() throws Exception {
    String name = "aza-pg-it-keep-" + UUID.randomUUID().toString().substring(0, 8);
    int port = TestHost.freePort();
    Path secrets = AzaPg.projectDir().resolve(".aza-pg").resolve(name);
    try {
      ProcessResult up = up(name, "--port", Integer.toString(port));
      assertThat(up.exitCode()).as(up.stderr()).isZero();
      Path passwordFile = secrets.resolve("postgres-password");
      String password = Files.readString(passwordFile).strip();
      sql(port, password, "CREATE TABLE kept(step text); INSERT INTO kept VALUES ('first')");

      ProcessResult restart = engine("restart", "--time", "60", name);
      assertThat(restart.exitCode()).as(restart.stderr()).isZero();
      assertThat(rows(port, password)).as("after an engine restart").isEqualTo("first");
      sql(port, password, "INSERT INTO kept VALUES ('after restart')");

      ProcessResult down = AzaPg.run(Duration.ofMinutes(2), "down", "--name", name);
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(engine("container", "exists", name).exitCode()).isNotZero();
      assertThat(engine("volume", "exists", name + "-data").exitCode()).isZero();
      ProcessResult again = up(name);
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(rows(port, password)).as("after down and up").isEqualTo("first,after restart");
      sql(port, password, "INSERT INTO kept VALUES ('after down/up')");

      ProcessResult recreated = up(name, "--memory", "768MB");
      assertThat(recreated.exitCode()).as(recreated.stderr()).isZero();
      assertThat(recreated.stderr()).contains("recreating container " + name);
      assertThat(rows(port, password))
          .as("after a recreate with other limits")
          .isEqualTo("first,after restart,after down/up");

      ProcessResult removed = engine("rm", "--force", name);
      assertThat(removed.exitCode()).as(removed.stderr()).isZero();
      ProcessResult fresh = up(name);
      assertThat(fresh.exitCode()).as(fresh.stderr()).isZero();
      assertThat(rows(port, password))
          .as("after the container was removed and made again on the volume")
          .isEqualTo("first,after restart,after down/up");
      assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
      for (ProcessResult r : new ProcessResult[] {up, again, recreated, fresh}) {
        assertThat(r.stdout() + r.stderr()).doesNotContain(password);
      }
      System.out.println(
          "persistence: restart, down/up, recreate with --memory 768MB and up after 'rm --force'"
              + " all kept the rows");
    } finally {
      engine("rm", "--force", "--volumes", name);
      engine("volume", "rm", "--force", name + "-data");
      TestHost.deleteRecursively(secrets);
    }
  }

  private static ProcessResult up(String name, String... more) {
    String[] argv = new String[3 + more.length];
    argv[0] = "up";
    argv[1] = "--name";
    argv[2] = name;
    System.arraycopy(more, 0, argv, 3, more.length);
    return AzaPg.run(Duration.ofMinutes(40), argv);
  }

  /** The rows in insertion order, once the server answers (a restart is still recovering). */
  private static String rows(int port, String password) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        return sql(port, password, "SELECT string_agg(step, ',' ORDER BY ctid) FROM kept");
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  private static String sql(int port, String password, String statements) throws SQLException {
    String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
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

  private static ProcessResult engine(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = AzaPg.engine();
    System.arraycopy(args, 0, argv, 1, args.length);
    return AzaPg.exec(Duration.ofMinutes(2), argv);
  }
}
