package io.azapg.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.it.AzaPg;
import io.azapg.process.ProcessResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void memory4g_cpus1And2_pgSettingsEqualWhatTuneComputes() throws Exception {
    Map<Integer, Map<String, String>> tunedByCpus = new LinkedHashMap<>();
    for (int cpus : new int[] {1, 2}) {
      try (PgContainer pg =
          new PgContainer().env("POSTGRES_PASSWORD", "pw").memory(4L << 30).cpus(cpus)) {
        pg.startHealthy();
        JsonNode inputs =
            MAPPER
                .readTree(pg.sql("postgres", "postgres", "SELECT aza_pg.tuning_report()"))
                .path("tuner")
                .path("inputs");
        // Memory and CPUs are what the container was given, read from its cgroup.
        assertThat(inputs.path("memory").path("bytes").asLong()).isEqualTo(4L << 30);
        assertThat(inputs.path("memory").path("source").asText()).contains("cgroup");
        assertThat(inputs.path("cpus").path("value").asInt()).isEqualTo(cpus);
        assertThat(inputs.path("cpus").path("source").asText()).contains("cgroup");

        Map<String, String> expected = tuneOnTheHost(cpus, inputs);
        assertThat(expected).containsKeys("shared_buffers", "work_mem", "max_parallel_workers");
        Map<String, String[]> actual = pgSettings(pg, expected.keySet());
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
            (name, value) -> {
              String[] row = actual.get(name);
              assertThat(row[3]).as("source of %s", name).isEqualTo("configuration file");
              assertThat(row[4]).as("sourcefile of %s", name).endsWith("/aza-pg.tuning.conf");
              assertThat(sameValue(value, row[0], row[1], row[2]))
                  .as(
                      "%s at 4 GiB and %d CPU: pg_settings says %s %s, aza-pg tune says %s",
                      name, cpus, row[0], row[1], value)
                  .isTrue();
            });
        tunedByCpus.put(cpus, expected);
      }
    }
    // The CPU limit reaches the tuning: parallelism differs between 1 and 2 CPUs.
    assertThat(tunedByCpus.get(1).get("max_parallel_workers"))
        .isNotEqualTo(tunedByCpus.get(2).get("max_parallel_workers"));
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * What {@code aza-pg tune --memory 4GiB --cpus N} prints for the same inputs as the container
   * had; the container facts other than memory and CPUs (/dev/shm, free huge pages, io_uring, the
   * preloaded libraries' workers) are passed through from its report.
   */
  private static Map<String, String> tuneOnTheHost(int cpus, JsonNode inputs) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tune",
                "--memory",
                "4GiB",
                "--cpus",
                Integer.toString(cpus),
                "--background-workers",
                inputs.path("backgroundWorkers").path("value").asText(),
                "--format",
                "json"));
    if (inputs.path("shm").has("bytes")) {
      args.addAll(List.of("--shm-size", mib(inputs.path("shm").path("bytes").asLong())));
    }
    long hugePagesFree = inputs.path("hugePagesFree").path("bytes").asLong(0);
    if (hugePagesFree > 0) {
      args.addAll(List.of("--huge-pages-free", mib(hugePagesFree)));
    }
    if (inputs.path("ioUring").path("value").asBoolean(false)) {
      args.add("--io-uring");
    }
    ProcessResult r = AzaPg.run(Duration.ofMinutes(1), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, String> settings = new LinkedHashMap<>();
    for (JsonNode s : MAPPER.readTree(r.stdout()).path("settings")) {
      settings.put(s.path("name").asText(), s.path("value").asText());
    }
    return settings;
  }

  private static String mib(long bytes) {
    assertThat(bytes % (1L << 20)).as("%d bytes in whole MiB", bytes).isZero();
    return (bytes >> 20) + "MiB";
  }

  /** name → setting, unit, vartype, source, sourcefile. */
  private static Map<String, String[]> pgSettings(PgContainer pg, java.util.Set<String> names) {
    String list = String.join("','", names);
    String rows =
        pg.sql(
            "postgres",
            "postgres",
            "SELECT name || '|' || setting || '|' || coalesce(unit, '') || '|' || vartype || '|'"
                + " || source || '|' || coalesce(sourcefile, '') FROM pg_settings"
                + " WHERE name IN ('"
                + list
                + "')");
    Map<String, String[]> out = new LinkedHashMap<>();
    rows.lines()
        .forEach(
            line -> {
              String[] f = line.split("\\|", -1);
              out.put(f[0], new String[] {f[1], f[2], f[3], f[4], f[5]});
            });
    return out;
  }

  private static final Pattern QUANTITY =
      Pattern.compile("^(-?[0-9]+(?:\\.[0-9]+)?)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)?$");

  /** Whether a postgresql.conf value means what pg_settings shows (units and spelling aside). */
  static boolean sameValue(String conf, String setting, String unit, String vartype) {
    String v = conf.strip();
    switch (vartype) {
      case "bool":
        return bool(v).equals(bool(setting));
      case "integer":
      case "real":
        Matcher m = QUANTITY.matcher(v);
        if (!m.matches()) {
          return false;
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (m.group(2) == null || unit.isEmpty()) {
          return number.compareTo(new BigDecimal(setting)) == 0;
        }
        BigDecimal expected = number.multiply(factor(m.group(2)));
        BigDecimal actual = new BigDecimal(setting).multiply(factor(unit));
        return expected.compareTo(actual) == 0;
      default:
        return v.equalsIgnoreCase(setting);
    }
  }

  private static String bool(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "on", "true", "yes", "1" -> "on";
      case "off", "false", "no", "0" -> "off";
      default -> s;
    };
  }

  /** A unit in bytes or microseconds; pg_settings units like "8kB" carry a multiplier. */
  private static BigDecimal factor(String unit) {
    Matcher m = Pattern.compile("^([0-9]*)(B|kB|MB|GB|TB|us|ms|s|min|h|d)$").matcher(unit);
    if (!m.matches()) {
      throw new AssertionError("unknown unit " + unit);
    }
    long base =
        switch (m.group(2)) {
          case "B", "us" -> 1L;
          case "kB" -> 1L << 10;
          case "MB" -> 1L << 20;
          case "GB" -> 1L << 30;
          case "TB" -> 1L << 40;
          case "ms" -> 1_000L;
          case "s" -> 1_000_000L;
          case "min" -> 60_000_000L;
          case "h" -> 3_600_000_000L;
          case "d" -> 86_400_000_000L;
          default -> throw new AssertionError(unit);
        };
    long multiplier = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
    return BigDecimal.valueOf(base).multiply(BigDecimal.valueOf(multiplier));
  }
}
