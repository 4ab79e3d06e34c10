package io.azapg.bench;

import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workloads, run inside each container (the client shares its CPU quota, as in the recorded
 * measurements): pgbench read-write (TPC-B-like) and select-only, and an analytic set of a window
 * sort, a large grouping, a self-join and an ordered-set aggregate over pgbench_accounts.
 */
final class Workloads {
  static final String READ_WRITE = "read-write";
  static final String SELECT_ONLY = "select-only";
  static final String ANALYTIC = "analytic";

  /** The analytic set: name → statement. */
  static final List<String[]> ANALYTIC_SET =
      List.of(
          new String[] {
            "Q1 window sort",
            "SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY bid ORDER BY abalance"
                + " DESC, aid) AS rn FROM pgbench_accounts) s WHERE rn <= 10"
          },
          new String[] {
            "Q2 1 M-group aggregate",
            "SELECT count(*) FROM (SELECT aid % 1000000 AS k, sum(abalance), count(*) FROM"
                + " pgbench_accounts GROUP BY 1) s"
          },
          new String[] {
            "Q3 self-join",
            "SELECT count(*) FROM pgbench_accounts a JOIN pgbench_accounts b ON b.aid = a.aid + 1"
                + " WHERE a.aid % 2 = 0"
          },
          new String[] {
            "Q4 ordered-set aggregate + distinct",
            "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY abalance), count(DISTINCT"
                + " abalance) FROM pgbench_accounts"
          });

  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern TIME = Pattern.compile("Time: ([0-9.]+) ms");

  private Workloads() {}

  static void initialise(BenchNode node, int scale) {
    check(
        node,
        node.exec(Duration.ofMinutes(30), "pgbench", "-i", "-q", "-s", Integer.toString(scale)));
    node.sql("VACUUM ANALYZE");
  }

  /** A pgbench run: tps, WAL written, checkpoints, load before and after. */
  static Measurement pgbench(
      BenchNode node, String size, String workload, int rep, int seconds, int clients) {
    node.sql("CHECKPOINT");
    String lsn = node.sql("SELECT pg_current_wal_lsn()");
    long checkpoints = checkpoints(node);
    String before = load();
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "pgbench",
                "-c",
                Integer.toString(clients),
                "-j",
                "2",
                "-T",
                Integer.toString(seconds)));
    if (workload.equals(SELECT_ONLY)) {
      argv.add("-S");
    }
    ProcessResult r = node.exec(Duration.ofSeconds(seconds + 600L), argv.toArray(String[]::new));
    String after = load();
    check(node, r);
    Matcher m = TPS.matcher(r.stdout());
    if (!m.find()) {
      throw new IllegalStateException(node.name() + ": no tps in pgbench's output: " + r.stdout());
    }
    long wal =
        Long.parseLong(
            node.sql("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsn + "')::bigint"));
    return new Measurement(
        size,
        node.contender(),
        workload,
        rep,
        Double.parseDouble(m.group(1)),
        wal,
        checkpoints(node) - checkpoints,
        before,
        after);
  }

  /** One round of the analytic set: the sum of the statements' server-side times, ms. */
  static Measurement analytic(BenchNode node, String size, int rep) {
    String before = load();
    List<String> argv =
        new java.util.ArrayList<>(
            List.of("psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", "\\timing on"));
    for (String[] q : ANALYTIC_SET) {
      argv.addAll(List.of("-c", q[1]));
    }
    ProcessResult r = node.exec(Duration.ofMinutes(30), argv.toArray(String[]::new));
    String after = load();
    check(node, r);
    Matcher m = TIME.matcher(r.stdout());
    double sum = 0;
    int n = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      n++;
    }
    if (n != ANALYTIC_SET.size()) {
      throw new IllegalStateException(
          node.name() + ": expected " + ANALYTIC_SET.size() + " timings: " + r.stdout());
    }
    return new Measurement(size, node.contender(), ANALYTIC, rep, sum, 0, 0, before, after);
  }

  private static long checkpoints(BenchNode node) {
    return Long.parseLong(node.sql("SELECT num_timed + num_requested FROM pg_stat_checkpointer"));
  }

  /** The host's 1-, 5- and 15-minute load averages. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.format(Locale.ROOT, "%s %s %s", f[0], f[1], f[2]);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void check(BenchNode node, ProcessResult r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          node.name() + ": " + String.join(" ", "failed:", r.stderr().strip(), r.stdout().strip()));
    }
  }
}
