package io.azapg.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The benchmark's results as Markdown: tables per size, the memory test, goals, and the load. */
public final class Report {
  private Report() {}

  static String progress(Measurement m) {
    return String.format(
        Locale.ROOT,
        "%s %s rep %d %s: %.1f %s, WAL %.0f MB, load %s -> %s",
        m.size(),
        m.workload(),
        m.repetition(),
        m.contender().label(),
        m.value(),
        m.workload().equals(Workloads.ANALYTIC) ? "ms" : "tps",
        m.walBytes() / 1048576.0,
        m.loadBefore(),
        m.loadAfter());
  }

  static String memoryLine(MemoryTest.Result r) {
    return String.format(
        Locale.ROOT,
        "%s: max_connections %d, %d of %d sessions finished, OOM kills %d, crash-restart %s,"
            + " container %s, peak rss+shmem %.0f MB, %.1f s",
        r.contender().label(),
        r.maxConnections(),
        r.finished(),
        r.sessions(),
        r.oomKills(),
        r.crashRestart() ? "yes" : "no",
        r.containerDied() ? "died" : "running",
        r.peakBytes() / 1048576.0,
        r.seconds());
  }

  static Stats stats(TuningBench.Results results, String size, Contender c, String workload) {
    return Stats.of(
        results.runs().stream()
            .filter(
                m -> m.size().equals(size) && m.contender() == c && m.workload().equals(workload))
            .map(Measurement::value)
            .toList());
  }

  static Stats wal(TuningBench.Results results, String size, Contender c) {
    return Stats.of(
        results.runs().stream()
            .filter(
                m ->
                    m.size().equals(size)
                        && m.contender() == c
                        && m.workload().equals(Workloads.READ_WRITE))
            .map(m -> m.walBytes() / 1048576.0)
            .toList());
  }

  static List<String> sizes(TuningBench.Results results) {
    Set<String> sizes = new LinkedHashSet<>();
    results.runs().forEach(m -> sizes.add(m.size()));
    return new ArrayList<>(sizes);
  }

  /** The whole report. */
  public static String markdown(TuningBench.Results r) {
    StringBuilder out = new StringBuilder();
    TuningBench.Options o = r.options();
    out.append(
        String.format(
            Locale.ROOT,
            "Image %s. pgbench scale %d, %d clients, %d s per run, %d repetitions, interleaved;"
                + " analytic set of %d statements per round.%n%n",
            r.image(),
            o.scale(),
            o.clients(),
            o.seconds(),
            o.repetitions(),
            Workloads.ANALYTIC_SET.size()));
    for (String size : sizes(r)) {
      out.append("**").append(size).append("** — median [min–max]\n\n");
      out.append(
          "| configuration | read-write tps | select-only tps | analytic set, ms (lower is better)"
              + " | WAL per read-write run, MB | checkpoints per run |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (Contender c : Contender.values()) {
        Stats ckpt =
            Stats.of(
                r.runs().stream()
                    .filter(
                        m ->
                            m.size().equals(size)
                                && m.contender() == c
                                && m.workload().equals(Workloads.READ_WRITE))
                    .map(m -> (double) m.checkpoints())
                    .toList());
        out.append("| ")
            .append(c == Contender.AZA_PG ? "**" + c.label() + "**" : c.label())
            .append(" | ")
            .append(stats(r, size, c, Workloads.READ_WRITE).text("%.0f"))
            .append(" | ")
            .append(stats(r, size, c, Workloads.SELECT_ONLY).text("%.0f"))
            .append(" | ")
            .append(stats(r, size, c, Workloads.ANALYTIC).text("%.0f"))
            .append(" | ")
            .append(wal(r, size, c).text("%.0f"))
            .append(" | ")
            .append(ckpt.text("%.0f"))
            .append(" |\n");
      }
      out.append('\n').append(Goals.lines(r, size)).append('\n');
    }
    if (!r.memory().isEmpty()) {
      out.append("**Memory test**: every allowed session (max_connections − ")
          .append(MemoryTest.LEFT_FREE)
          .append(") runs the sort-plus-hash statement at once, 2 CPUs\n\n");
      memoryTable(out, r.memory());
    }
    if (!r.safeCount().isEmpty()) {
      out.append(
          "**Safe session count** of aza-pg's settings (max_connections raised to hold the"
              + " sessions)\n\n");
      memoryTable(out, r.safeCount());
      out.append(Goals.safeCount(r)).append("\n\n");
    }
    out.append(
        "<details><summary>Every run, with the host's load average before → after</summary>\n\n");
    out.append(
        "| size | workload | rep | configuration | figure | WAL MB | load before | load after |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Measurement m : r.runs()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %.1f | %.0f | %s | %s |%n",
              m.size(),
              m.workload(),
              m.repetition(),
              m.contender().label(),
              m.value(),
              m.walBytes() / 1048576.0,
              m.loadBefore(),
              m.loadAfter()));
    }
    out.append("\n</details>\n");
    return out.toString();
  }

  private static void memoryTable(StringBuilder out, List<MemoryTest.Result> results) {
    out.append(
        "| configuration | max_connections | sessions finished | OOM kills | crash-restart |"
            + " container | peak rss+shmem | time | load before → after |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (MemoryTest.Result m : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d / %d | %d | %s | %s | %.0f MB | %.1f s | %s → %s |%n",
              m.contender().label(),
              m.maxConnections(),
              m.finished(),
              m.sessions(),
              m.oomKills(),
              m.crashRestart() ? "yes" : "no",
              m.containerDied() ? "died" : "running",
              m.peakBytes() / 1048576.0,
              m.seconds(),
              m.loadBefore(),
              m.loadAfter()));
    }
    out.append('\n');
  }
}
