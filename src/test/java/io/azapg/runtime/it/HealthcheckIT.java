package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import org.junit.jupiter.api.Test;

/** The image's healthcheck against a real server: healthy, then each way it turns unhealthy. */
class HealthcheckIT {
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

      pg.sql("postgres", "app", "UPDATE aza_pg.init_status SET status = 'failed'");
      assertThat(pg.healthcheck().stdout()).contains("init status is failed");
      pg.sql("postgres", "app", "UPDATE aza_pg.init_status SET status = 'completed'");

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
