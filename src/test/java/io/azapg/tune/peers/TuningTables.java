package io.azapg.tune.peers;

import io.azapg.tune.Tuning;
import io.azapg.tune.WorkloadTables;
import io.azapg.tune.WorstCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of docs/TUNING.md, computed from the tuner and from the peers' formulas; every worst
 * case comes from our {@link WorstCase} function.
 */
final class TuningTables {
  static final List<Row> ROWS =
      List.of(
          new Row(512, 1),
          new Row(1024, 1),
          new Row(2048, 2),
          new Row(4096, 2),
          new Row(8192, 4),
          new Row(16384, 4),
          new Row(65536, 16),
          new Row(262144, 32));

  /** The measured sizes (tuning-anchors §1) and 4 GB. */
  static final List<Row> ANCHORS =
      List.of(new Row(512, 2), new Row(1024, 1), new Row(2048, 2), new Row(4096, 2));

  private TuningTables() {}

  /** Section name → Markdown, in document order. */
  static Map<String, String> all() {
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("ours", ours());
    sections.put("pooled", pooled());
    sections.put("workloads", WorkloadTables.workloads());
    sections.put("breakdown", breakdown(new Row(2048, 2).tune().worstCase()));
    sections.put("peers", peers());
    sections.put("anchors", anchors());
    return sections;
  }

  static String ours() {
    StringBuilder t =
        header(
            "memory / CPUs",
            "max_connections",
            "shared_buffers",
            "effective_cache_size",
            "work_mem",
            "maintenance_work_mem",
            "autovacuum",
            "wal_buffers",
            "parallel (workers / per gather / maintenance)",
            "io_workers",
            "worst case");
    for (Row row : ROWS) {
      Tuning t1 = row.tune();
      line(
          t,
          row.label(),
          t1.value("max_connections"),
          t1.value("shared_buffers"),
          t1.value("effective_cache_size"),
          t1.value("work_mem"),
          t1.value("maintenance_work_mem"),
          t1.value("autovacuum_max_workers") + " × " + t1.value("autovacuum_work_mem"),
          t1.value("wal_buffers"),
          t1.value("max_parallel_workers")
              + " / "
              + t1.value("max_parallel_workers_per_gather")
              + " / "
              + t1.value("max_parallel_maintenance_workers"),
          t1.value("io_workers"),
          Row.worst(t1.worstCase()));
    }
    return t.toString();
  }

  static String pooled() {
    StringBuilder t =
        header("memory / CPUs", "max_connections", "work_mem", "parallel", "worst case");
    for (Row row : ROWS) {
      Tuning p = row.tunePooled();
      line(
          t,
          row.label(),
          p.value("max_connections"),
          p.value("work_mem"),
          p.value("max_parallel_workers") + " / " + p.value("max_parallel_workers_per_gather"),
          Row.worst(p.worstCase()));
    }
    return t.toString();
  }

  static String breakdown(WorstCase worst) {
    StringBuilder t = header("term", "how", "size");
    for (WorstCase.Term term : worst.terms()) {
      line(t, term.name(), term.formula(), term.size().toString());
    }
    line(t, "**total**", "", "**" + worst.total() + "** of " + worst.limit());
    return t.toString();
  }

  static String peers() {
    StringBuilder t =
        header(
            "memory / CPUs",
            "tuner",
            "max_connections",
            "shared_buffers",
            "work_mem",
            "maintenance_work_mem",
            "autovacuum",
            "worst case (ours)");
    for (Row row : ROWS) {
      Tuning ours = row.tune();
      line(
          t,
          row.label(),
          "**aza-pg tune**",
          ours.value("max_connections"),
          ours.value("shared_buffers"),
          ours.value("work_mem"),
          ours.value("maintenance_work_mem"),
          ours.value("autovacuum_max_workers") + " × " + ours.value("autovacuum_work_mem"),
          Row.worst(ours.worstCase()));
      peer(t, row, "pgtune", Pgtune.mixed(row.mb(), row.cpus()));
      peer(t, row, "timescaledb-tune", TimescaleTune.of(row.mb(), row.cpus()));
      peer(t, row, "original aza-pg", OriginalAzaPg.mixed(row.mb(), row.cpus()));
      peer(t, row, "PostgreSQL defaults", PeerSettings.stock());
    }
    return t.toString();
  }

  private static void peer(StringBuilder t, Row row, String name, PeerSettings s) {
    long av = s.autovacuumWorkMem() < 0 ? s.maintenanceWorkMem() : s.autovacuumWorkMem();
    line(
        t,
        "",
        name,
        Integer.toString(s.maxConnections()),
        Row.pg(s.sharedBuffers()),
        Row.pg(s.workMem()),
        Row.pg(s.maintenanceWorkMem()),
        s.autovacuumMaxWorkers() + " × " + Row.pg(av),
        Row.worst(WorstCase.of(s.plan(), row.limit())));
  }

  static String anchors() {
    StringBuilder out = new StringBuilder();
    for (Row row : ANCHORS) {
      out.append("**").append(row.title()).append("**\n\n");
      out.append(AnchorTable.of(row));
      out.append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  static StringBuilder header(String... columns) {
    StringBuilder t = new StringBuilder();
    line(t, columns);
    t.append('|');
    for (int i = 0; i < columns.length; i++) {
      t.append("---|");
    }
    t.append('\n');
    return t;
  }

  static void line(StringBuilder t, String... cells) {
    t.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
