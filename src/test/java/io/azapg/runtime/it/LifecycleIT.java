package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.ContainerState;
import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The same container stopped and started again: data survives, the cluster is not initialised a
 * second time, and both shutdown signals end the server cleanly (no crash recovery afterwards).
 */
class LifecycleIT {
  private static final String SHUT_DOWN = "database system is shut down";
  private static final String CLEAN_START = "database system was shut down at";
  private static final String INTERRUPTED = "database system was interrupted";

  @Test
  void restartAndStopStart_keepTheData_withoutInitialisingAgain() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("POSTGRES_DB", "app")) {
      pg.startHealthy();
      pg.sql("postgres", "app", "CREATE TABLE kept(id int PRIMARY KEY, what text)");
      pg.sql("postgres", "app", "INSERT INTO kept VALUES (1, 'survives')");

      ProcessResult restart = pg.cli("restart", "--time", "60");
      assertThat(restart.exitCode()).as(restart.stderr()).isZero();
      pg.waitHealthy();
      assertStillThere(pg);

      ProcessResult stop = pg.cli("stop", "--time", "60");
      assertThat(stop.exitCode()).as(stop.stderr()).isZero();
      ProcessResult start = pg.cli("start");
      assertThat(start.exitCode()).as(start.stderr()).isZero();
      pg.waitHealthy();
      assertStillThere(pg);

      String logs = pg.logs();
      assertThat(count(logs, "PostgreSQL init process complete")).isEqualTo(1);
      assertThat(count(logs, "appears to contain a database; Skipping initialization"))
          .isEqualTo(2);
      assertThat(logs).doesNotContain(INTERRUPTED);
    }
  }

  private static void assertStillThere(PgContainer pg) {
    assertThat(pg.sql("postgres", "app", "SELECT id || ':' || what FROM kept"))
        .isEqualTo("1:survives");
    assertThat(pg.sql("postgres", "app", "SELECT count(*) FROM aza_pg.init_status")).isEqualTo("1");
    assertThat(pg.sql("postgres", "app", "SELECT status FROM aza_pg.init_status"))
        .isEqualTo("completed");
  }

  @Test
  void sigintFromStop_andSigterm_shutDownCleanly_andTheNextStartNeedsNoRecovery() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();

      // podman stop sends the image's STOPSIGNAL, SIGINT: a fast shutdown.
      shutDownCleanly(pg, "received fast shutdown request", "stop", "--time", "60");
      startAgainWithoutRecovery(pg);

      // SIGTERM (what an orchestrator sends without reading STOPSIGNAL): a smart shutdown.
      shutDownCleanly(pg, "received smart shutdown request", "kill", "--signal", "TERM");
      startAgainWithoutRecovery(pg);
    }
  }

  private static void shutDownCleanly(PgContainer pg, String request, String... cli) {
    String before = pg.logs();
    ProcessResult r = pg.cli(cli);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    ContainerState state = waitUntilStopped(pg, Duration.ofSeconds(90));
    assertThat(state.exitCode()).as("exit code after %s", String.join(" ", cli)).isZero();
    assertThat(state.oomKilled()).isFalse();
    String logs = pg.logs();
    assertThat(count(logs, request)).isEqualTo(count(before, request) + 1);
    assertThat(count(logs, SHUT_DOWN)).isEqualTo(count(before, SHUT_DOWN) + 1);
  }

  private static void startAgainWithoutRecovery(PgContainer pg) {
    int cleanStarts = count(pg.logs(), CLEAN_START);
    ProcessResult start = pg.cli("start");
    assertThat(start.exitCode()).as(start.stderr()).isZero();
    pg.waitHealthy();
    String logs = pg.logs();
    assertThat(count(logs, CLEAN_START)).isEqualTo(cleanStarts + 1);
    assertThat(logs).doesNotContain(INTERRUPTED).doesNotContain("automatic recovery in progress");
  }

  private static ContainerState waitUntilStopped(PgContainer pg, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      ContainerState state = pg.state().orElseThrow();
      if (!state.running()) {
        return state;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("still running after " + timeout + ":\n" + pg.logs());
      }
      sleep(500);
    }
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
