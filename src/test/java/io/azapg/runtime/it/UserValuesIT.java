package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Values the user gives the server (environment, ALTER SYSTEM, conf.d, -c) reach pg_settings, show
 * as the user's in aza_pg.tuning, and the tuner fits the rest around them at the next start; values
 * that break the memory limit start anyway with one warning. One container, restarted per source.
 */
class UserValuesIT {
  private static String setting(PgContainer pg, String name) {
    return pg.sql(
        "postgres",
        "postgres",
        String.format(
            Locale.ROOT,
            "SELECT setting || '|' || source || '|' || coalesce(sourcefile, '') FROM pg_settings"
                + " WHERE name = '%s'",
            name));
  }

  private static String origin(PgContainer pg, String name) {
    return pg.sql(
        "postgres",
        "postgres",
        "SELECT origin || '|' || reason FROM aza_pg.tuning WHERE name = '" + name + "'");
  }

  private static long workMemKb(PgContainer pg) {
    return Long.parseLong(setting(pg, "work_mem").split("\\|")[0]);
  }

  private static int maxConnections(PgContainer pg) {
    return Integer.parseInt(setting(pg, "max_connections").split("\\|")[0]);
  }

  @Test
  void eachSource_reachesPgSettings_isTheUsers_andTheRestIsRefitted() {
    try (PgContainer pg =
        new PgContainer()
            .env("POSTGRES_PASSWORD", "pw")
            .env("POSTGRES_MEMORY", "2GB")
            .env("POSTGRES_CPUS", "2")
            .env("POSTGRES_WORK_MEM", "8MB")) {
      // Environment: written into the include, counted; max_connections fitted around 8 MB.
      pg.startHealthy();
      assertThat(setting(pg, "work_mem")).startsWith("8192|configuration file|");
      assertThat(origin(pg, "work_mem")).startsWith("user|set by you (POSTGRES_WORK_MEM)");
      int withEnv = maxConnections(pg);
      assertThat(withEnv).isLessThan(100);

      // ALTER SYSTEM: postgresql.auto.conf wins over the environment at the next start.
      pg.sql("postgres", "postgres", "ALTER SYSTEM SET work_mem = '4MB'");
      pg.startHealthy();
      assertThat(setting(pg, "work_mem"))
          .startsWith("4096|configuration file|")
          .endsWith("postgresql.auto.conf");
      assertThat(origin(pg, "work_mem"))
          .startsWith("user|set by you (postgresql.auto.conf (ALTER SYSTEM))");
      assertThat(maxConnections(pg)).isGreaterThan(withEnv);
      pg.sql("postgres", "postgres", "ALTER SYSTEM RESET work_mem");

      // conf.d: a file of the user's sets max_connections; work_mem is fitted around it.
      pg.exec(
          "bash",
          "-c",
          "echo 'max_connections = 150' > \"$PGDATA/conf.d/10-app.conf\""
              + " && chown postgres: \"$PGDATA/conf.d/10-app.conf\"");
      pg.startHealthy();
      assertThat(setting(pg, "max_connections"))
          .startsWith("150|configuration file|")
          .endsWith("conf.d/10-app.conf");
      assertThat(origin(pg, "max_connections")).startsWith("user|set by you (conf.d/10-app.conf)");
      assertThat(setting(pg, "work_mem")).startsWith("8192|"); // the environment's again
      long fittedAt150 = Long.parseLong(setting(pg, "maintenance_work_mem").split("\\|")[0]);
      assertThat(fittedAt150).isPositive();

      // -c beats the file, and the tuner refits work_mem's neighbours to the flag's value.
      pg.startHealthy("-c", "max_connections=60");
      assertThat(setting(pg, "max_connections")).startsWith("60|command line|");
      assertThat(origin(pg, "max_connections")).startsWith("user|set by you (-c)");
      assertThat(pg.logs()).doesNotContain("WARNING:  the values you set");
    }
  }

  @Test
  void valuesOverTheLimit_startAnyway_withOneWarningGivingTheNumbersAndTheFix() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").memory(1L << 30).cpus(1)) {
      pg.startHealthy("-c", "max_connections=400", "-c", "work_mem=32MB");
      assertThat(maxConnections(pg)).isEqualTo(400);
      assertThat(workMemKb(pg)).isEqualTo(32 * 1024);
      String logs = pg.logs();
      assertThat(logs)
          .contains("max_connections=400 (-c)")
          .contains("work_mem=32MB (-c)")
          .containsPattern(
              "let PostgreSQL use up to [0-9.]+ GiB in the worst case, above the memory limit 1 GiB")
          .containsPattern("aza-pg alone would set [a-z_]+=[0-9]+")
          .contains("or give the container more than");
      assertThat(logs.split("the values you set", -1)).hasSize(2);
    }
  }
}
