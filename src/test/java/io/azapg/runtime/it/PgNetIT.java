package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * pg_net, built from git and preloaded by default: an HTTP request to a server on loopback inside
 * the container is sent by the worker and its response read back; a request to a closed port
 * reports the connection error.
 */
class PgNetIT {
  private static final int PORT = 18081;

  @Test
  void request_toLoopbackServer_isAnswered_andClosedPortReportsTheError() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();
      assertThat(pg.sql("postgres", "postgres", "SHOW shared_preload_libraries"))
          .contains("pg_net");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT extversion FROM pg_extension WHERE extname = 'pg_net'"))
          .as("pg_net is created on first start")
          .isEqualTo("0.20.3");
      startHttpServer(pg);

      String id =
          pg.sql(
              "postgres",
              "postgres",
              "SELECT net.http_get('http://127.0.0.1:" + PORT + "/version-info.json')");
      String answer =
          pg.sql(
              "postgres",
              "postgres",
              "SELECT net._await_response("
                  + id
                  + ") AND true, (SELECT status_code || ' ' || (content LIKE '%\"counts\"%')"
                  + " FROM net._http_response WHERE id = "
                  + id
                  + ")");
      assertThat(answer).isEqualTo("t|200 true");

      String closed =
          pg.sql("postgres", "postgres", "SELECT net.http_get('http://127.0.0.1:1/nothing')");
      String error =
          pg.sql(
              "postgres",
              "postgres",
              "SELECT net._await_response("
                  + closed
                  + "), (SELECT coalesce(status_code::text, 'no status') || ' / ' || error_msg"
                  + " FROM net._http_response WHERE id = "
                  + closed
                  + ")");
      assertThat(error).startsWith("t|no status / ").containsIgnoringCase("connect");
    }
  }

  private static void startHttpServer(PgContainer pg) {
    ProcessResult started =
        pg.exec(
            "bash",
            "-c",
            "setsid python3 -m http.server "
                + PORT
                + " --bind 127.0.0.1 --directory /usr/share/aza-pg </dev/null >/dev/null 2>&1 &");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (pg.exec("bash", "-c", "echo >/dev/tcp/127.0.0.1/" + PORT).exitCode() != 0) {
      assertThat(Instant.now()).as("the loopback HTTP server did not start").isBefore(deadline);
      LifecycleIT.sleep(200);
    }
  }
}
