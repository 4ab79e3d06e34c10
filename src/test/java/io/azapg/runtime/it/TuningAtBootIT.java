package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import org.junit.jupiter.api.Test;

/**
 * Tuning at every start, in the real image under real memory limits, checked through pg_settings.
 */
class TuningAtBootIT {
  private static final String SETTING =
      "SELECT setting || '|' || unit || '|' || source || '|' || coalesce(sourcefile, '')"
          + " FROM pg_settings WHERE name = '%s'";

  private static long sharedBuffersKb(PgContainer pg) {
    String[] row =
        pg.sql(
                "postgres",
                "postgres",
                String.format(java.util.Locale.ROOT, SETTING, "shared_buffers"))
            .split("\\|");
    assertThat(row[2]).isEqualTo("configuration file");
    assertThat(row[3]).endsWith("/aza-pg.tuning.conf");
    assertThat(row[1]).isEqualTo("8kB");
    return Long.parseLong(row[0]) * 8;
  }

  @Test
  void memoryLimits_512m_1g_2g_areTunedFromTheCgroup() {
    long previous = 0;
    for (long mib : new long[] {512, 1024, 2048}) {
      try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw").memory(mib << 20)) {
        pg.startHealthy();
        long sb = sharedBuffersKb(pg);
        assertThat(sb)
            .as("shared_buffers at %d MiB", mib)
            .isGreaterThanOrEqualTo(previous)
            .isLessThan(mib * 1024);
        previous = sb;
        assertThat(pg.logs()).containsPattern("memory [0-9.]+ [MG]iB \\(cgroup");
        assertThat(
                pg.sql(
                    "postgres",
                    "postgres",
                    "SELECT count(*) > 10 FROM aza_pg.tuning WHERE origin = 'tuning'"))
            .isEqualTo("t");
      }
    }
  }

  @Test
  void memory256m_refuses() {
    try (PgContainer pg = new PgContainer().env("POSTGRES_PASSWORD", "pw").memory(256L << 20)) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr()).contains("below the 512 MiB minimum");
    }
  }

  @Test
  void garbageMemory_refusesNamingIt() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("POSTGRES_MEMORY", "garbage")) {
      ProcessResult r = pg.runToEnd();
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout() + r.stderr()).contains("POSTGRES_MEMORY 'garbage'");
    }
  }

  @Test
  void alterSystemBeatsTuningAfterRestart_andDashCBeatsBoth() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("POSTGRES_MEMORY", "1GB")) {
      pg.startHealthy();
      pg.sql("postgres", "postgres", "ALTER SYSTEM SET work_mem = '3MB'");
      pg.startHealthy();
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  String.format(java.util.Locale.ROOT, SETTING, "work_mem")))
          .startsWith("3072|kB|configuration file|")
          .endsWith("/postgresql.auto.conf");
      pg.startHealthy("-c", "work_mem=5MB");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  String.format(java.util.Locale.ROOT, SETTING, "work_mem")))
          .startsWith("5120|kB|command line|");
    }
  }

  @Test
  void tuningOff_leavesPostgresDefaults() {
    try (PgContainer pg =
        new PgContainer().env("POSTGRES_PASSWORD", "pw").env("AZA_PG_TUNE", "off")) {
      pg.startHealthy();
      // initdb's own shared_buffers line in postgresql.conf applies; the include sets none.
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT sourcefile FROM pg_settings WHERE name = 'shared_buffers'"))
          .endsWith("/postgresql.conf");
      assertThat(pg.exec("cat", "/var/lib/postgresql/18/docker/aza-pg.tuning.conf").stdout())
          .doesNotContain("shared_buffers")
          .contains("wal_level");
      assertThat(
              pg.sql(
                  "postgres",
                  "postgres",
                  "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'"))
          .isEqualTo("*");
    }
  }
}
