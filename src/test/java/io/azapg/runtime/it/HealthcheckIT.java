package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's healthcheck against a real server: healthy, then each way it turns unhealthy. */
class HealthcheckIT {
  private static final String SLEEPING = "/tmp/aza-pg-it-init-sleeping";
  private static final String RELEASE = "/tmp/aza-pg-it-init-release";

  @TempDir Path tmp;

  @Test
  void notHealthyWhileInitRuns_healthyAfter() throws Exception {
    Path init = Files.createDirectories(tmp.resolve("init"));
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = init.resolve("10-slow.sh");
    // The init file holds until the test releases it (at most 5 minutes), so the checks below run
    // during initialisation however slow the machine is.
    Files.writeString(
        script,
        "touch "
            + SLEEPING
            + "\nfor _ in $(seq 1500); do [ -f "
            + RELEASE
            + " ] && break; sleep 0.2; done\nrm -f "
            + SLEEPING
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    try (PgContainer pg =
        new PgContainer()
            .mount(new VolumeMount(init.toString(), "/docker-entrypoint-initdb.d", true))
            .env("POSTGRES_PASSWORD", "pw")) {
      pg.start();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (pg.exec("test", "-f", SLEEPING).exitCode() != 0) {
        assertThat(Instant.now())
            .as("the init file never started:%n%s", pg.logs())
            .isBefore(deadline);
        assertThat(pg.state().orElseThrow().running()).as(pg.logs()).isTrue();
        LifecycleIT.sleep(200);
      }
      ProcessResult during = pg.cli("healthcheck", "run");
      ProcessResult own = pg.healthcheck();
      // Both checks ran while the init file was still sleeping.
      assertThat(pg.exec("test", "-f", SLEEPING).exitCode()).isZero();
      assertThat(during.exitCode()).as(during.stdout() + during.stderr()).isNotZero();
      assertThat(own.exitCode()).isNotZero();
      assertThat(own.stdout()).contains("initialisation in progress");
      assertThat(pg.exec("touch", RELEASE).exitCode()).isZero();

      pg.waitHealthy();
      ProcessResult after = pg.cli("healthcheck", "run");
      assertThat(after.exitCode()).as(after.stdout() + after.stderr()).isZero();
      assertThat(pg.exec("test", "-f", SLEEPING).exitCode()).isNotZero();
    }
  }

  @Test
  void healthyInPostgresDb_thenUnhealthyForEachBrokenFact() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("POSTGRES_DB", "app")) {
      pg.startHealthy();
      ProcessResult ok = pg.healthcheck();
      assertThat(ok.exitCode()).as(ok.stdout()).isZero();
      assertThat(ok.stdout()).contains("database \"app\" answers on 127.0.0.1:5432");

      // The extensions are expected in POSTGRES_DB, not in postgres.
      String ext =
          pg.sql("postgres", "app", "SELECT expected_extensions[1] FROM aza_pg.init_status");
      pg.sql("postgres", "app", "DROP EXTENSION \"" + ext + "\" CASCADE");
      ProcessResult missing = pg.healthcheck();
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.stdout()).contains("extensions missing from database \"app\": " + ext);
      pg.sql("postgres", "app", "CREATE EXTENSION \"" + ext + "\"");

      pg.sql(
          "postgres",
          "app",
          "UPDATE aza_pg.init_status SET status = 'failed' WHERE id = (SELECT max(id) FROM aza_pg.init_status)");
      assertThat(pg.healthcheck().stdout()).contains("init status is failed");
      pg.sql(
          "postgres",
          "app",
          "UPDATE aza_pg.init_status SET status = 'completed' WHERE id = (SELECT max(id) FROM aza_pg.init_status)");

      pg.exec("touch", "/var/lib/postgresql/18/docker/aza-pg.init-in-progress");
      assertThat(pg.healthcheck().stdout()).contains("initialisation in progress");
      pg.exec("rm", "/var/lib/postgresql/18/docker/aza-pg.init-in-progress");
      assertThat(pg.healthcheck().exitCode()).isZero();
    }
  }

  @Test
  void passwordNeverOnTheHealthchecksArgv_andNoTrustLineFor127() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw")) {
      pg.startHealthy();
      String hba = pg.exec("cat", "/var/lib/postgresql/18/docker/pg_hba.conf").stdout();
      assertThat(hba.lines().filter(l -> l.startsWith("host")).filter(l -> l.contains("trust")))
          .isEmpty();
      ProcessResult mode =
          pg.exec("stat", "-c", "%a", "/var/lib/postgresql/18/docker/aza-pg.healthcheck.pgpass");
      assertThat(mode.stdout().strip()).isEqualTo("600");
    }
  }
}
