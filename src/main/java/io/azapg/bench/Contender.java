package io.azapg.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four configurations the tuning benchmark compares, all on the same image: PostgreSQL's
 * defaults, pgtune's 2026 rules, the original aza-pg entrypoint's formulas, and aza-pg's tuner. The
 * first three run with the image's tuning off ({@code AZA_PG_TUNE=off}) and their settings as
 * {@code -c} flags; ours is the image as it starts by itself.
 */
enum Contender {
  DEFAULTS("PostgreSQL defaults"),
  PGTUNE("pgtune"),
  ORIGINAL("original aza-pg"),
  AZA_PG("aza-pg tune");

  private final String label;

  Contender(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** The container environment: tuning off for the peers, and the password. */
  Map<String, String> env() {
    return this == AZA_PG ? Map.of() : Map.of("AZA_PG_TUNE", "off");
  }

  /** The settings passed as {@code -c} flags for a container of this memory (MiB) and CPUs. */
  Map<String, String> settings(long ramMb, int cpus) {
    return switch (this) {
      case DEFAULTS, AZA_PG -> Map.of();
      case PGTUNE -> pgtune(ramMb, cpus);
      case ORIGINAL -> original(ramMb, cpus);
    };
  }

  /**
   * le0pard/pgtune's 2026 rules for DB type mixed, Linux, SSD, PostgreSQL 18, "db size vs RAM" mid,
   * connections not given (anchors §2.1). Its {@code io_method = io_uring} is left out: it stops
   * the server under the engine's default seccomp profile (tuning-anchors §1).
   */
  static Map<String, String> pgtune(long ramMb, int cpus) {
    long ramKb = ramMb * 1024;
    long sharedKb = ramKb / 4;
    int workers = cpus >= 4 ? cpus : 8;
    double workKb = (ramKb - sharedKb) / (double) ((100 + workers) * 3) * 0.5;
    long walKb = (long) Math.floor(sharedKb * 3 / 100.0);
    walKb = walKb > 14 * 1024 ? 16 * 1024 : Math.max(walKb, 32);
    Map<String, String> s = new LinkedHashMap<>();
    s.put("max_connections", "100");
    s.put("shared_buffers", sharedKb + "kB");
    s.put("effective_cache_size", ramKb * 3 / 4 + "kB");
    s.put("maintenance_work_mem", Math.min(ramKb / 16, 8L * 1024 * 1024) + "kB");
    s.put("checkpoint_completion_target", "0.9");
    s.put("wal_buffers", walKb + "kB");
    s.put("default_statistics_target", "100");
    s.put("random_page_cost", "1.1");
    s.put("effective_io_concurrency", "200");
    s.put("work_mem", Math.max((long) Math.floor(workKb), 4 * 1024) + "kB");
    s.put("huge_pages", sharedKb >= 2L * 1024 * 1024 ? "try" : "off");
    s.put("min_wal_size", "1GB");
    s.put("max_wal_size", "4GB");
    s.put("wal_compression", "lz4");
    s.put("jit", "off");
    if (cpus >= 4) {
      s.put("max_worker_processes", Integer.toString(cpus));
      s.put("max_parallel_workers_per_gather", Integer.toString(Math.min((cpus + 1) / 2, 4)));
      s.put("max_parallel_workers", Integer.toString(cpus));
      s.put("max_parallel_maintenance_workers", Integer.toString(Math.min((cpus + 1) / 2, 4)));
    }
    return s;
  }

  /** The original aza-pg entrypoint's formulas for mixed and ssd (aza-pg-features §3.4). */
  static Map<String, String> original(long ram, int cpus) {
    int connections = Math.max(20, ram < 2048 ? 60 : ram < 4096 ? 84 : ram < 8192 ? 102 : 120);
    int ratio = ram <= 8192 ? 25 : ram <= 32768 ? 20 : 15;
    long shared = Math.min(Math.max(ram * ratio / 100, 64), 32768);
    long other = Math.max(ram * 20 / 100, 512);
    long cache = Math.max(Math.max((ram - shared - other) * 70 / 100, 2 * shared), 0);
    long pool = Math.max(ram - shared - connections * 10L - 512, 256);
    long cap = ram >= 32768 ? 256 : ram >= 8192 ? 128 : ram >= 2048 ? 64 : 32;
    long wal = Math.min(Math.max(shared * 3 / 100, 1), 16);
    Map<String, String> s = new LinkedHashMap<>();
    s.put("shared_buffers", shared + "MB");
    s.put("effective_cache_size", cache + "MB");
    s.put("maintenance_work_mem", Math.min(Math.max(ram / 16, 32), 2048) + "MB");
    s.put("work_mem", Math.min(Math.max(pool / (connections * 4L), 1), cap) + "MB");
    s.put("max_connections", Integer.toString(connections));
    s.put(
        "max_worker_processes",
        Integer.toString(Math.min(Math.max(cpus <= 4 ? cpus + 1 : cpus + cpus / 2, 8), 64)));
    s.put("checkpoint_completion_target", "0.9");
    s.put("wal_buffers", (wal == 15 ? 16 : wal) + "MB");
    s.put("min_wal_size", "1024MB");
    s.put("max_wal_size", "4096MB");
    s.put("random_page_cost", "1.1");
    s.put("default_statistics_target", "100");
    s.put("io_workers", Integer.toString(Math.min(Math.max(cpus / 4, 1), 64)));
    s.put("maintenance_io_concurrency", "20");
    s.put("max_parallel_workers", Integer.toString(cpus));
    s.put(
        "max_parallel_workers_per_gather", Integer.toString(cpus >= 4 ? Math.max(1, cpus / 2) : 1));
    s.put(
        "max_parallel_maintenance_workers",
        Integer.toString(cpus >= 4 ? Math.min(4, cpus / 2) : 1));
    s.put("effective_io_concurrency", "200");
    return s;
  }
}
